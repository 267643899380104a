import type { WechatApiClient } from '../wechat-api.client.js';
import { AUTOREPLY_ENDPOINTS as E } from './autoreply.endpoints.js';
import type { AutoreplyInfo } from './autoreply.types.js';

/** The auto-reply set up in the web console (关注后自动回复, 消息自动回复, 关键词自动回复), read only. */
export class AutoreplyService {
  constructor(private readonly client: WechatApiClient) {}

  /** 获取公众号自动回复规则. */
  getInfo(): Promise<AutoreplyInfo> {
    return this.client.call(E.autoreplyInfo);
  }
}
