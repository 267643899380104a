import { WechatError } from './wechat-error.js';

/** Invalid module options, thrown at startup. `option` names the offending option path (e.g. `accounts[1].token`). */
export class WechatConfigError extends WechatError {
  readonly code = 'WECHAT_CONFIG_INVALID';
  constructor(readonly option: string, reason: string) {
    super(`nestjs-wechat-mp: invalid option "${option}": ${reason}`);
  }
}
