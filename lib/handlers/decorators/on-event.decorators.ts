import { createHandlerDecorator, requireEventName, requireKey } from './handler-decorator.factory.js';

/**
 * Handles one event (`MsgType` `event`). The name matches `Event` case-insensitively (WeChat sends both
 * `subscribe` and `SCAN`). With `eventKey`, only events whose `EventKey` equals it exactly — useful for menu
 * events such as `scancode_push` or `pic_weixin`, whose EventKey is the button key.
 */
export function OnEvent(name: string, eventKey?: string): MethodDecorator {
  const event = requireEventName('OnEvent', name);
  if (eventKey === undefined) return createHandlerDecorator('OnEvent', { kind: 'event', event });
  return createHandlerDecorator('OnEvent', { kind: 'event', event, key: requireKey('OnEvent', 'the event key', eventKey) });
}

/** `@OnEvent` under a name that does not clash with `@nestjs/event-emitter`'s `OnEvent`. */
export const OnWechatEvent = OnEvent;

/** Handles subscribe (关注) events; same slot as `@OnEvent('subscribe')`. QR-scene subscribes try `@OnScan(scene)` first. */
export function OnSubscribe(): MethodDecorator {
  return createHandlerDecorator('OnSubscribe', { kind: 'event', event: 'subscribe' });
}

/** Handles unsubscribe (取消关注) events; same slot as `@OnEvent('unsubscribe')`. No reply is shown to the user. */
export function OnUnsubscribe(): MethodDecorator {
  return createHandlerDecorator('OnUnsubscribe', { kind: 'event', event: 'unsubscribe' });
}
