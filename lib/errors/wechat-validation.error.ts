import { WechatError } from './wechat-error.js';

/**
 * An argument was refused before any request was sent (or a reply before it was written). `field` is the path inside
 * the argument (e.g. `button[1].sub_button[0].url`), `reason` says which documented limit it breaks. Neither ever
 * holds the value. The one validation error type of the package: reply builders throw its `WechatReplyError` form.
 */
export class WechatValidationError extends WechatError {
  readonly code: string = 'WECHAT_VALIDATION_ERROR';
  constructor(readonly field: string, readonly reason: string, options?: { cause?: unknown }) {
    super(`Invalid "${field}": ${reason}`, options);
  }

  /** The same problem one level down: `field` prefixed by `parent` (`message` + `content` → `message.content`). */
  within(parent: string): WechatValidationError {
    return new WechatValidationError(`${parent}.${this.field}`, this.reason, { cause: this });
  }
}
