import { endpoint } from '../endpoint.js';
import type { AutoreplyInfo } from './autoreply.types.js';

/** 自动回复规则: what the web console's auto-reply is set to. */
export const AUTOREPLY_ENDPOINTS = {
  autoreplyInfo: endpoint<AutoreplyInfo>()({
    title: '获取公众号自动回复规则', method: 'GET', path: '/cgi-bin/get_current_autoreply_info', kind: 'read', response: 'json',
    expect: ['is_autoreply_open'], doc: 'https://developers.weixin.qq.com/doc/service/api/notify/autoreplies/api_getcurrentautoreplyinfo.html',
  }),
} as const;
