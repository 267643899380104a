import { WechatError } from './wechat-error.js';

/**
 * A reply or customer-service message that WeChat would refuse or mangle (empty text, 0 or too many articles,
 * a missing media id…). `field` names the offending field in the camelCase model, e.g. `articles[1].title`.
 * Messages never contain the field's value.
 */
export class WechatReplyError extends WechatError {
  readonly code = 'WECHAT_REPLY_INVALID';
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`nestjs-wechat-mp: invalid message field "${field}": ${reason}`);
  }
}
