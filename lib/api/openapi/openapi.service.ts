import { WechatApiError } from '../../errors/wechat-api.error.js';
import { WechatConfigError } from '../../errors/wechat-config.error.js';
import type { WechatApiClient } from '../wechat-api.client.js';
import { OPENAPI_ENDPOINTS as E } from './openapi.endpoints.js';
import type { RidRequestInfo } from './openapi.types.js';

/**
 * openApi 管理: look up what a failed call's rid was about (within 7 days, same account), reset one API's daily
 * quota, or reset every quota with the AppSecret when the access_token quota itself is spent.
 */
export class OpenApiService {
  constructor(private readonly client: WechatApiClient) {}

  /** 查询rid信息: the request behind a rid (76001 when unknown or older than 7 days, 76003 for another account's). */
  async getRid(rid: string): Promise<RidRequestInfo> {
    return (await this.client.call(E.ridGet, { rid })).request;
  }

  /**
   * 查询rid信息 for a `WechatApiError`: the request WeChat recorded for it, or undefined when the error carries no
   * rid (a transport failure, or an answer without one).
   */
  async lookupRid(error: WechatApiError): Promise<RidRequestInfo | undefined> {
    if (!(error instanceof WechatApiError) || !error.rid) return undefined;
    return this.getRid(error.rid);
  }

  /**
   * 重置指定API调用次数: today's count of one API path (e.g. `/cgi-bin/message/custom/send`) back to zero; 50 resets a
   * month, counted apart from clear_quota's 10.
   */
  async clearApiQuota(cgiPath: string): Promise<void> {
    await this.client.call(E.apiQuotaClear, { cgi_path: cgiPath });
  }

  /**
   * 使用AppSecret重置API调用次数: every daily count back to zero, authenticated by the account's AppSecret (so it
   * works when even the token endpoint's quota is spent). Shares clear_quota's 10 resets a month.
   */
  async clearQuotaByAppSecret(): Promise<void> {
    const { appId, appSecret, name } = this.client.account;
    if (!appSecret) throw new WechatConfigError(`appSecret (account ${name})`, '/cgi-bin/clear_quota/v2 needs the AppSecret');
    await this.client.call(E.clearQuotaByAppSecret, { appid: appId, appsecret: appSecret });
  }
}
