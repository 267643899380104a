import type { AnyInboundMessage } from '../message/message-types.js';
import type { WechatInboundContext } from '../protocol/inbound-context.js';

/** Calls the handler through Nest's guards, interceptors, pipes and exception filters; built once at bootstrap. */
export type WechatHandlerInvoker = (message: AnyInboundMessage, context: WechatInboundContext) => Promise<unknown>;

/** One discovered handler method, as the registry stores it. */
export interface WechatHandler {
  readonly instance: object;
  readonly methodName: string;
  /** `ClassName.method`, used in errors and logs. */
  readonly label: string;
  /** The `@ForAccount()` argument (name or AppID), when the handler is restricted to one account. */
  readonly account?: string;
  readonly invoke: WechatHandlerInvoker;
}
