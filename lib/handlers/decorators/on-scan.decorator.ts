import { HANDLER_MESSAGES } from '../handlers.messages.js';
import { WechatHandlerDefinitionError } from '../wechat-handler.error.js';
import { createHandlerDecorator, requireKey } from './handler-decorator.factory.js';

/** Prefix of the EventKey of a subscribe event that came from a parametric QR code. */
export const QR_SCENE_PREFIX = 'qrscene_';

/**
 * Handles parametric-QR-code scans: SCAN events (the user already follows; EventKey is the scene) and
 * subscribe events whose EventKey is `qrscene_<scene>`. `scene` is compared exactly, without the prefix; the
 * handler finds it in `@WechatContext()`'s `scene`.
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
 */
export function OnScan(scene?: string): MethodDecorator {
  if (scene === undefined) return createHandlerDecorator('OnScan', { kind: 'scan' });
  const value = requireKey('OnScan', 'the scene', scene);
  if (value.startsWith(QR_SCENE_PREFIX)) {
    throw new WechatHandlerDefinitionError(
      HANDLER_MESSAGES.invalidArgument('OnScan', `pass the scene without the "${QR_SCENE_PREFIX}" prefix ("${value.slice(QR_SCENE_PREFIX.length)}")`),
    );
  }
  return createHandlerDecorator('OnScan', { kind: 'scan', scene: value });
}
