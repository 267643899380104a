import { WechatError } from '../errors/wechat-error.js';
import { HANDLER_MESSAGES } from './handlers.messages.js';

/** A handler decorator got an argument it cannot use, or a handler names an unknown account. Thrown at decoration or bootstrap. */
export class WechatHandlerDefinitionError extends WechatError {
  readonly code = 'WECHAT_HANDLER_INVALID';
}

/** Two handlers claim the same key in the same account scope; thrown at bootstrap. */
export class WechatDuplicateHandlerError extends WechatError {
  readonly code = 'WECHAT_HANDLER_DUPLICATE';
  constructor(
    /** The claimed key, as `describe()` prints it (e.g. `text "hello"`, `[account main] event "CLICK" key "V1"`). */
    readonly key: string,
    /** `ClassName.method` of the handler registered first, then of the one that collided with it. */
    readonly handlers: readonly [string, string],
  ) {
    super(HANDLER_MESSAGES.duplicate(key, handlers[0], handlers[1]));
  }
}
