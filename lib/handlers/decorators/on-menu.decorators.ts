import { createHandlerDecorator, requireKey } from './handler-decorator.factory.js';

/**
 * Handles clicks on a `click` menu button whose `key` equals `key` exactly (the CLICK event's EventKey).
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Custom_Menu_Push_Events.html
 */
export function OnMenuClick(key: string): MethodDecorator {
  return createHandlerDecorator('OnMenuClick', { kind: 'event', event: 'CLICK', key: requireKey('OnMenuClick', 'the menu key', key) });
}

/**
 * Handles VIEW events (a `view` menu button was opened). With `url`, only that URL (the EventKey), exactly;
 * without, every VIEW event — the same slot as `@OnEvent('VIEW')`. WeChat shows no passive reply for VIEW.
 */
export function OnMenuView(url?: string): MethodDecorator {
  if (url === undefined) return createHandlerDecorator('OnMenuView', { kind: 'event', event: 'VIEW' });
  return createHandlerDecorator('OnMenuView', { kind: 'event', event: 'VIEW', key: requireKey('OnMenuView', 'the URL', url) });
}
