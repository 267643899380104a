import { BASIC_ENDPOINTS } from './basic/basic.endpoints.js';
import { endpoint, type EndpointRow } from './endpoint.js';
import { MATERIAL_ENDPOINTS } from './material/material.endpoints.js';
import { MENU_ENDPOINTS } from './menu/menu.endpoints.js';
import { MESSAGE_ENDPOINTS } from './message/message.endpoints.js';
import { QRCODE_ENDPOINTS } from './qrcode/qrcode.endpoints.js';
import { USER_ENDPOINTS } from './user/user.endpoints.js';

/** Every platform API the services call, one row each (see `EndpointRow`). */

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount';

/**
 * The endpoint table: every platform API, one row each (see `EndpointRow`), one area per file.
 * `WechatApiClient.call(ENDPOINTS.row, input)` performs any row, including rows no service wraps yet.
 */
export const ENDPOINTS = {
  ...BASIC_ENDPOINTS,
  ...MENU_ENDPOINTS,
  ...QRCODE_ENDPOINTS,
  ...MATERIAL_ENDPOINTS,
  ...MESSAGE_ENDPOINTS,
  ...USER_ENDPOINTS,
  // Tokens. A classic fetch replaces the previous token (after 5 minutes) and spends a 2000/day quota: `send`.
  stableToken: endpoint<Record<string, unknown>>()({
    title: '获取稳定版接口调用凭据',
    method: 'POST', path: '/cgi-bin/stable_token', credential: 'none', kind: 'read', body: 'json', response: 'json',
    doc: `${DOC}/Basic_Information/getStableAccessToken.html`,
  }),
  /** The same endpoint with `force_refresh: true`: it replaces the token for everyone (20 a day), so never repeated. */
  stableTokenForced: endpoint<Record<string, unknown>>()({
    title: '获取稳定版接口调用凭据',
    method: 'POST', path: '/cgi-bin/stable_token', credential: 'none', kind: 'send', body: 'json', response: 'json',
    doc: `${DOC}/Basic_Information/getStableAccessToken.html`,
  }),
  classicToken: endpoint<Record<string, unknown>>()({
    title: '获取接口调用凭据',
    method: 'GET', path: '/cgi-bin/token', credential: 'none', kind: 'send', body: 'none', response: 'json',
    doc: `${DOC}/Basic_Information/Get_access_token.html`,
  }),
} as const;

export type EndpointName = keyof typeof ENDPOINTS;

/** @deprecated Use `EndpointRow`. */
export type EndpointSpec = EndpointRow;
