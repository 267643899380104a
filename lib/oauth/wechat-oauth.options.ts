import type { OAuthLang, OAuthScope } from '../api/oauth/oauth.dto.js';

/** Module option `oauth`: how `@WechatOAuth()` routes sign their state and remember a login. */
export interface WechatOAuthOptions {
  /**
   * Key for the `state` HMAC and the default session cookie. Default: derived from each account's AppSecret (no
   * extra configuration; the same in every process). Set it to rotate logins without changing the AppSecret.
   */
  secret?: string;
  /**
   * The app's public origin as visitors reach it (`https://h5.example.com`), for the `redirect_uri`. Default: the
   * request's protocol and Host header. Set it behind a proxy or load balancer.
   */
  publicBaseUrl?: string;
  /** How long the default cookie remembers a login, in seconds. Default 7200. */
  sessionTtlSeconds?: number;
  /** Name of the default session cookie. Default `wechat_oauth`. */
  cookieName?: string;
  /** `lang` of `sns/userinfo`. Default `zh_CN`. */
  lang?: OAuthLang;
}

/** `@WechatOAuth(options)` on a route or controller. */
export interface WechatOAuthRouteOptions {
  /** Default `snsapi_base`. A login with `snsapi_base` does not satisfy a `snsapi_userinfo` route. */
  scope?: OAuthScope;
  /** Account name or AppID; default the default account. */
  account?: string;
  /** Answer 403 to 快照页 virtual users (`is_snapshotuser`). Default false: they reach the handler, flagged. */
  refuseSnapshotUsers?: boolean;
  /** Ask for confirmation even where WeChat would authorize silently. */
  forcePopup?: boolean;
}
