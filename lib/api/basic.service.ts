import { checkOneOf, checkString } from './api-validation.js';
import type { WechatApiClient } from './wechat-api.client.js';
import { ENDPOINTS } from './wechat-endpoints.js';

export interface IpListResult {
  ip_list: string[];
}

export type CallbackCheckAction = 'all' | 'dns' | 'ping';
export type CallbackCheckOperator = 'CHINANET' | 'UNICOM' | 'CAP' | 'DEFAULT';

/** Answer of `callback/check`; `dns` and `ping` are present according to the action asked for. */
export interface CallbackCheckResult {
  dns?: { ip: string; real_operator: string }[];
  ping?: { ip: string; from_operator: string; package_loss: string; time: string }[];
}

/** Answer of `openapi/quota/get`. */
export interface ApiQuota {
  daily_limit: number;
  used: number;
  remain: number;
}

const ACTIONS: readonly CallbackCheckAction[] = ['all', 'dns', 'ping'];
const OPERATORS: readonly CallbackCheckOperator[] = ['CHINANET', 'UNICOM', 'CAP', 'DEFAULT'];

/** The account-level basics: WeChat's IP lists, the network check and the quota reset. */
export class BasicService {
  constructor(private readonly client: WechatApiClient) {}

  /** IPs WeChat sends callbacks from (for a firewall allow-list). */
  async getCallbackIp(): Promise<string[]> {
    return (await this.client.request<IpListResult>(ENDPOINTS.getCallbackIp)).ip_list ?? [];
  }

  /** IPs of api.weixin.qq.com. */
  async getApiDomainIp(): Promise<string[]> {
    return (await this.client.request<IpListResult>(ENDPOINTS.getApiDomainIp)).ip_list ?? [];
  }

  /** Asks WeChat to resolve and ping the account's callback URL from its operators' networks. */
  async checkCallback(action: CallbackCheckAction = 'all', operator: CallbackCheckOperator = 'DEFAULT'): Promise<CallbackCheckResult> {
    checkOneOf(action, 'action', ACTIONS);
    checkOneOf(operator, 'check_operator', OPERATORS);
    return this.client.request<CallbackCheckResult>(ENDPOINTS.callbackCheck, { body: { action, check_operator: operator } });
  }

  /**
   * Today's quota of one API path (e.g. `/cgi-bin/message/custom/send`).
   * Docs: https://developers.weixin.qq.com/doc/offiaccount/openApi/get_api_quota.html
   */
  async getApiQuota(cgiPath: string): Promise<ApiQuota> {
    checkString(cgiPath, 'cgi_path');
    return (await this.client.request<{ quota: ApiQuota }>(ENDPOINTS.getApiQuota, { body: { cgi_path: cgiPath } })).quota;
  }

  /**
   * Resets the account's daily API quotas (10 resets a month). Never repeated automatically.
   * Docs: https://developers.weixin.qq.com/doc/offiaccount/openApi/clear_quota.html
   */
  async clearQuota(): Promise<void> {
    await this.client.request(ENDPOINTS.clearQuota, { body: { appid: this.client.account.appId } });
  }
}
