import { endpoint } from '../endpoint.js';
import { ClassicTokenQueryDto, StableTokenDto, type AccessTokenAnswer } from './token.dto.js';

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Basic_Information';

/**
 * The access_token endpoints, called by the credential manager itself (never with a token). A classic fetch
 * replaces the previous token (after 5 minutes) and spends a 2000/day quota: `send`.
 */
export const TOKEN_ENDPOINTS = {
  stableToken: endpoint<AccessTokenAnswer>()({
    title: '获取稳定版接口调用凭据', method: 'POST', path: '/cgi-bin/stable_token', credential: 'none', kind: 'read',
    request: StableTokenDto, response: 'json', expect: ['access_token', 'expires_in'], doc: `${DOC}/getStableAccessToken.html`,
  }),
  /** The same endpoint with `force_refresh: true`: it replaces the token for everyone (20 a day), so never repeated. */
  stableTokenForced: endpoint<AccessTokenAnswer>()({
    title: '获取稳定版接口调用凭据', method: 'POST', path: '/cgi-bin/stable_token', credential: 'none', kind: 'send',
    request: StableTokenDto, response: 'json', expect: ['access_token', 'expires_in'], doc: `${DOC}/getStableAccessToken.html`,
  }),
  classicToken: endpoint<AccessTokenAnswer>()({
    title: '获取接口调用凭据', method: 'GET', path: '/cgi-bin/token', credential: 'none', kind: 'send',
    request: ClassicTokenQueryDto, response: 'json', expect: ['access_token', 'expires_in'], doc: `${DOC}/Get_access_token.html`,
  }),
} as const;
