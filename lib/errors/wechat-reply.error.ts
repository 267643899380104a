import { WechatValidationError } from './wechat-validation.error.js';

/**
 * A reply or customer-service message that WeChat would refuse or mangle (empty text, 0 or too many articles,
 * a missing media id…). `field` names the offending field in the camelCase model, e.g. `articles[1].title`;
 * `reason` says what is wrong. Messages never contain the field's value.
 * @deprecated Catch `WechatValidationError`, of which this is the reply builders' form (kept for its `code`).
 */
export class WechatReplyError extends WechatValidationError {
  override readonly code: string = 'WECHAT_REPLY_INVALID';
}
