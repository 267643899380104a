import { WechatApiError } from '../../errors/wechat-api.error.js';
import { WechatValidationError } from '../../errors/wechat-validation.error.js';
import type { WechatApiClient } from '../wechat-api.client.js';
import { OAUTH_SCOPES, type OAuthLang, type OAuthScope } from './oauth.dto.js';
import { OAUTH_ENDPOINTS as E } from './oauth.endpoints.js';
import type { AuthorizeUrlOptions, OAuthAccessToken, OAuthUserInfo, WechatOAuthUser } from './oauth.types.js';

/** The authorize page, on open.weixin.qq.com (`oauthBaseUrl`). */
export const OAUTH_AUTHORIZE_PATH = '/connect/oauth2/authorize';
/** `state`: "最多128字节", letters and digits ("a-zA-Z0-9"). */
const STATE_PATTERN = /^[A-Za-z0-9]{0,128}$/;
/** Codes WeChat answers for a code that cannot be exchanged (unknown or expired, already used): authorize again. */
export const OAUTH_CODE_ERRCODES: ReadonlySet<number> = new Set([40029, 40163]);

/**
 * OAuth2 网页授权: the authorize URL, the code exchange, refresh, userinfo and the token check.
 * https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html
 * For H5 routes, `@WechatOAuth()` runs the whole flow (redirect, CSRF-safe state, one exchange, remembered login).
 */
export class OAuthService {
  constructor(private readonly client: WechatApiClient) {}

  /**
   * 网页授权链接: where to send the visitor. Parameters go in WeChat's required order (appid, redirect_uri,
   * response_type, scope, state) and the URL ends in `#wechat_redirect`.
   */
  authorizeUrl(options: AuthorizeUrlOptions): string {
    const { redirectUri, scope = 'snsapi_base', state = '', forcePopup } = options ?? ({} as AuthorizeUrlOptions);
    if (typeof redirectUri !== 'string' || !/^https?:\/\/[^\s/?#]+[^\s]*$/i.test(redirectUri)) {
      throw new WechatValidationError('redirectUri', 'must be an absolute http(s) URL on the 网页授权域名');
    }
    if (!OAUTH_SCOPES.includes(scope)) throw new WechatValidationError('scope', `must be one of ${OAUTH_SCOPES.join(', ')}`);
    if (typeof state !== 'string' || !STATE_PATTERN.test(state)) {
      throw new WechatValidationError('state', 'must be at most 128 letters and digits');
    }
    const query: Record<string, string> = {
      appid: this.client.account.appId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope,
      state,
    };
    if (forcePopup) query.forcePopup = 'true';
    return `${this.client.urlOf({ host: 'open', path: OAUTH_AUTHORIZE_PATH }, query)}#wechat_redirect`;
  }

  /**
   * 通过code换取网页授权access_token. A code works once and for 5 minutes: 40163 (used) and 40029 (unknown or
   * expired) mean "send the visitor through authorize again" (`OAUTH_CODE_ERRCODES`).
   */
  exchangeCode(code: string): Promise<OAuthAccessToken> {
    return this.client.call(E.oauthAccessToken, { code, grant_type: 'authorization_code' });
  }

  /** 刷新网页授权access_token: a new access_token (2 h) from the refresh_token (30 days). */
  refreshToken(refreshToken: string): Promise<OAuthAccessToken> {
    return this.client.call(E.oauthRefreshToken, {
      appid: this.client.account.appId,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
  }

  /** 拉取用户信息: needs a `snsapi_userinfo` token (48001 otherwise). */
  userInfo(accessToken: string, openid: string, lang: OAuthLang = 'zh_CN'): Promise<OAuthUserInfo> {
    return this.client.call(E.oauthUserInfo, { access_token: accessToken, openid, lang });
  }

  /** 检验授权凭证是否有效: true while the OAuth access_token is valid for `openid`. */
  async checkToken(accessToken: string, openid: string): Promise<boolean> {
    try {
      await this.client.call(E.oauthCheck, { access_token: accessToken, openid });
      return true;
    } catch (error) {
      if (error instanceof WechatApiError && [40001, 40003, 42001].includes(error.errcode)) return false;
      throw error;
    }
  }

  /**
   * The whole return leg: exchanges `code` once and, for `snsapi_userinfo` (and a real user), reads the profile.
   * The OAuth tokens stay inside: the result holds none.
   */
  async login(code: string, lang: OAuthLang = 'zh_CN'): Promise<WechatOAuthUser> {
    const token = await this.exchangeCode(code);
    const scope: OAuthScope = token.scope?.split(',').includes('snsapi_userinfo') ? 'snsapi_userinfo' : 'snsapi_base';
    const isSnapshotUser = token.is_snapshotuser === 1;
    const user: WechatOAuthUser = {
      openid: token.openid,
      ...(token.unionid ? { unionid: token.unionid } : {}),
      scope,
      isSnapshotUser,
      loggedInAt: Date.now(),
    };
    if (scope !== 'snsapi_userinfo' || isSnapshotUser) return user;
    const info = await this.userInfo(token.access_token, token.openid, lang);
    return {
      ...user,
      ...(info.unionid ? { unionid: info.unionid } : {}),
      nickname: info.nickname,
      headimgurl: info.headimgurl,
    };
  }
}
