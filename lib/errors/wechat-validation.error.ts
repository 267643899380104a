import { WechatError } from './wechat-error.js';

/**
 * An argument was refused before any request was sent. `field` is the path inside the argument
 * (e.g. `button[1].sub_button[0].url`), `reason` says which documented limit it breaks.
 */
export class WechatValidationError extends WechatError {
  readonly code = 'WECHAT_VALIDATION_ERROR';
  constructor(readonly field: string, readonly reason: string, options?: { cause?: unknown }) {
    super(`Invalid "${field}": ${reason}`, options);
  }
}
