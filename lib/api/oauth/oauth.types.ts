import type { OAuthScope } from './oauth.dto.js';

/** Answer of `sns/oauth2/access_token` and `sns/oauth2/refresh_token`. The tokens are the user's: never log them. */
export interface OAuthAccessToken {
  access_token: string;
  /** Seconds; 7200. */
  expires_in: number;
  /** Lives 30 days. */
  refresh_token: string;
  openid: string;
  /** The scopes granted, comma-separated (`snsapi_userinfo`). */
  scope: string;
  /** `1` for a 快照页 virtual user: the openid is not a real user's, and userinfo is not available. */
  is_snapshotuser?: number;
  /** Present when the account is bound to an Open Platform account. */
  unionid?: string;
}

/** Answer of `sns/userinfo`. */
export interface OAuthUserInfo {
  openid: string;
  nickname: string;
  /** 0 unknown, 1 male, 2 female (WeChat now answers 0). */
  sex: number;
  province: string;
  city: string;
  country: string;
  /** Avatar URL; empty when the user has none. */
  headimgurl: string;
  privilege: string[];
  unionid?: string;
}

/**
 * A visitor signed in through OAuth2 网页授权, as the guard hands it to a handler (`@OAuthUser()`). Holds no token:
 * what the login remembers (a signed cookie by default) carries only this.
 */
export interface WechatOAuthUser {
  openid: string;
  unionid?: string;
  /** The scope this login was granted. */
  scope: OAuthScope;
  /**
   * A 快照页 virtual user (朋友圈 snapshot page): WeChat hands out a virtual openid and no profile. Refuse them
   * where a real user matters (`@WechatOAuth({ refuseSnapshotUsers: true })`).
   */
  isSnapshotUser: boolean;
  /** `snsapi_userinfo` only. */
  nickname?: string;
  headimgurl?: string;
  /** Epoch milliseconds of the login. */
  loggedInAt: number;
}

/** Options of `OAuthService.authorizeUrl`. */
export interface AuthorizeUrlOptions {
  /** Where WeChat sends the visitor back with `?code=…&state=…`; its domain must be the 网页授权域名. */
  redirectUri: string;
  /** Default `snsapi_base`. */
  scope?: OAuthScope;
  /** Echoed back unchanged: up to 128 letters and digits. Use it against CSRF (the guard does). */
  state?: string;
  /** Ask the user to confirm even where WeChat would authorize silently. */
  forcePopup?: boolean;
}
