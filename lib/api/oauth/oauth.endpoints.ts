import { endpoint, type WechatOk } from '../endpoint.js';
import { OAuthCheckDto, OAuthCodeDto, OAuthRefreshDto, OAuthUserInfoDto } from './oauth.dto.js';
import type { OAuthAccessToken, OAuthUserInfo } from './oauth.types.js';

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html';

/**
 * OAuth2 网页授权. The authorize page itself (`open.weixin.qq.com/connect/oauth2/authorize`) is a URL the browser
 * visits, built by `OAuthService.authorizeUrl`, not a row. These rows carry the user's tokens, not the account's:
 * credential `none` (the code exchange adds the AppSecret).
 */
export const OAUTH_ENDPOINTS = {
  /** A code is single-use: a repeat after it may have reached WeChat answers 40163, so `send`. */
  oauthAccessToken: endpoint<OAuthAccessToken>()({
    title: '通过code换取网页授权access_token', method: 'GET', path: '/sns/oauth2/access_token', kind: 'send',
    credential: 'app_secret', request: OAuthCodeDto, response: 'json', expect: ['access_token', 'openid'], doc: DOC,
  }),
  oauthRefreshToken: endpoint<OAuthAccessToken>()({
    title: '刷新网页授权access_token', method: 'GET', path: '/sns/oauth2/refresh_token', kind: 'read',
    credential: 'none', request: OAuthRefreshDto, response: 'json', expect: ['access_token', 'openid'], doc: DOC,
  }),
  oauthUserInfo: endpoint<OAuthUserInfo>()({
    title: '拉取用户信息(需scope为 snsapi_userinfo)', method: 'GET', path: '/sns/userinfo', kind: 'read',
    credential: 'none', request: OAuthUserInfoDto, response: 'json', expect: ['openid'], doc: DOC,
  }),
  oauthCheck: endpoint<WechatOk>()({
    title: '检验授权凭证（access_token）是否有效', method: 'GET', path: '/sns/auth', kind: 'read',
    credential: 'none', request: OAuthCheckDto, response: 'json', doc: DOC,
  }),
} as const;
