import { endpoint } from '../endpoint.js';
import { ApiQuotaQueryDto, CallbackCheckDto, ClearQuotaDto } from './basic.dto.js';
import type { ApiQuota, CallbackCheckResult, IpListResult } from './basic.types.js';

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount';

/** Account basics: WeChat's IP lists, the network check, API quotas. */
export const BASIC_ENDPOINTS = {
  getCallbackIp: endpoint<IpListResult>()({
    title: '获取微信推送服务器IP', method: 'GET', path: '/cgi-bin/getcallbackip', kind: 'read', response: 'json',
    expect: ['ip_list'], doc: `${DOC}/Basic_Information/Get_the_WeChat_server_IP_address.html`,
  }),
  getApiDomainIp: endpoint<IpListResult>()({
    title: '获取微信API服务器IP', method: 'GET', path: '/cgi-bin/get_api_domain_ip', kind: 'read', response: 'json',
    expect: ['ip_list'], doc: `${DOC}/Basic_Information/Get_the_WeChat_server_IP_address.html`,
  }),
  callbackCheck: endpoint<CallbackCheckResult>()({
    title: '网络通信检测', method: 'POST', path: '/cgi-bin/callback/check', kind: 'read', request: CallbackCheckDto,
    response: 'json', doc: `${DOC}/Basic_Information/Network_Detection.html`,
  }),
  getApiQuota: endpoint<{ quota: ApiQuota }>()({
    title: '查询API调用额度', method: 'POST', path: '/cgi-bin/openapi/quota/get', kind: 'read', request: ApiQuotaQueryDto,
    response: 'json', expect: ['quota'], doc: `${DOC}/openApi/get_api_quota.html`,
  }),
  /** Limited to 10 resets a month: never repeated blindly. */
  clearQuota: endpoint()({
    title: '重置API调用次数', method: 'POST', path: '/cgi-bin/clear_quota', kind: 'send', request: ClearQuotaDto,
    response: 'json', doc: `${DOC}/openApi/clear_quota.html`,
  }),
} as const;
