import { WECHAT_ACCOUNT_METADATA } from '../../wechat-mp.constants.js';
import { HANDLER_MESSAGES } from '../handlers.messages.js';
import { WechatHandlerDefinitionError } from '../wechat-handler.error.js';
import { requireKey } from './handler-decorator.factory.js';

/**
 * Restricts the handlers of a class, or one handler method, to the account registered under `nameOrAppId`.
 * Restricted handlers are consulted before unrestricted ones at every step of the resolution order; on a
 * method it overrides the class. An unknown account fails bootstrap.
 */
export function ForAccount(nameOrAppId: string): ClassDecorator & MethodDecorator {
  const account = requireKey('ForAccount', 'the account name or AppID', nameOrAppId);
  return ((target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const host: unknown = descriptor ? descriptor.value : target;
    if (typeof host !== 'function') throw new WechatHandlerDefinitionError(HANDLER_MESSAGES.notAMethod('ForAccount'));
    if (Reflect.hasOwnMetadata(WECHAT_ACCOUNT_METADATA, host)) {
      throw new WechatHandlerDefinitionError(HANDLER_MESSAGES.accountTwice(key === undefined ? host.name : `${String(key)}()`));
    }
    Reflect.defineMetadata(WECHAT_ACCOUNT_METADATA, account, host);
  }) as ClassDecorator & MethodDecorator;
}
