import type { WechatApiClient } from '../wechat-api.client.js';
import type { CallbackCheckAction, CallbackCheckOperator } from './basic.dto.js';
import { BASIC_ENDPOINTS as E } from './basic.endpoints.js';
import type { ApiQuota, CallbackCheckResult } from './basic.types.js';

/** The account-level basics: WeChat's IP lists, the network check and the quota reset. */
export class BasicService {
  constructor(private readonly client: WechatApiClient) {}

  /** 获取微信推送服务器IP: IPs WeChat sends callbacks from (for a firewall allow-list). */
  async getCallbackIp(): Promise<string[]> {
    return (await this.client.call(E.getCallbackIp)).ip_list;
  }

  /** 获取微信API服务器IP: IPs of api.weixin.qq.com. */
  async getApiDomainIp(): Promise<string[]> {
    return (await this.client.call(E.getApiDomainIp)).ip_list;
  }

  /** 网络通信检测: asks WeChat to resolve and ping the account's callback URL from its operators' networks. */
  checkCallback(action: CallbackCheckAction = 'all', operator: CallbackCheckOperator = 'DEFAULT'): Promise<CallbackCheckResult> {
    return this.client.call(E.callbackCheck, { action, check_operator: operator });
  }

  /** 查询API调用额度: today's quota of one API path (e.g. `/cgi-bin/message/custom/send`). */
  async getApiQuota(cgiPath: string): Promise<ApiQuota> {
    return (await this.client.call(E.getApiQuota, { cgi_path: cgiPath })).quota;
  }

  /** 重置API调用次数: resets the account's daily API quotas (10 resets a month). Never repeated automatically. */
  async clearQuota(): Promise<void> {
    await this.client.call(E.clearQuota, { appid: this.client.account.appId });
  }
}
