import { WechatError } from './wechat-error.js';

/**
 * Why a shared store could not answer:
 * - `command_failed`: Redis refused or lost the command (connection refused, reset, closed, an error reply);
 * - `command_timeout`: no answer within the store's `commandTimeoutMs`;
 * - `lock_wait_timeout`: another process held the token refresh lock for longer than the store waits for it.
 */
export type StoreFailure = 'command_failed' | 'command_timeout' | 'lock_wait_timeout';

/**
 * A shared store (Redis) could not do its job. Thrown instead of falling back to per-process state, which in a
 * cluster would make instances invalidate each other's tokens (40001) or run a handler once per instance.
 * `store` names which store, `operation` the Redis command; the message never holds a key's value, a token or a
 * connection password.
 */
export class WechatStoreUnavailableError extends WechatError {
  readonly code = 'WECHAT_STORE_UNAVAILABLE';
  constructor(
    readonly store: string,
    readonly operation: string,
    readonly reason: StoreFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
