import { endpoint } from '../endpoint.js';
import { ApiQuotaClearDto, ClearQuotaByAppSecretDto, RidQueryDto } from './openapi.dto.js';
import type { RidRequestInfo } from './openapi.types.js';

const DOC = 'https://developers.weixin.qq.com/doc/service/api/apimanage';

/** openApi 管理: what a failed call's rid was about, and quota resets. */
export const OPENAPI_ENDPOINTS = {
  ridGet: endpoint<{ request: RidRequestInfo }>()({
    title: '查询rid信息', method: 'POST', path: '/cgi-bin/openapi/rid/get', kind: 'read', request: RidQueryDto,
    response: 'json', expect: ['request'], doc: `${DOC}/api_getridinfo`,
  }),
  /** Resets one API's daily count (50 resets a month, apart from clear_quota's 10); never repeated blindly. */
  apiQuotaClear: endpoint()({
    title: '重置指定API调用次数', method: 'POST', path: '/cgi-bin/openapi/quota/clear', kind: 'send', request: ApiQuotaClearDto,
    response: 'json', doc: `${DOC}/api_clearapiquota`,
  }),
  /**
   * Authenticated by the AppSecret instead of an access_token, so it works when the token quota itself is spent.
   * Shares clear_quota's 10 resets a month: never repeated blindly. `appid` and `appsecret` go in the query, as the
   * docs' example sends them.
   */
  clearQuotaByAppSecret: endpoint()({
    title: '使用AppSecret重置API调用次数', method: 'POST', path: '/cgi-bin/clear_quota/v2', kind: 'send', credential: 'none',
    request: ClearQuotaByAppSecretDto, query: ['appid', 'appsecret'], response: 'json', doc: `${DOC}/api_clearquotabyappsecret`,
  }),
} as const;
