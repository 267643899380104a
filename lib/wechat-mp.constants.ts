/** Injection tokens and metadata keys. Every `Reflector` key the package reads is declared here. */

/** Storage for access tokens; defaults to `MemoryTokenStore`. */
export const WECHAT_TOKEN_STORE = Symbol('wechat-mp:token-store');
/** `WechatApiClientOptions` shared by every account's client (from the module's `apiRetry` / `mpBaseUrl`). */
/** The axios instance (or @nestjs/axios `HttpService`) every account's client sends with; option `httpClient`. */
export const WECHAT_HTTP_CLIENT = Symbol('wechat-mp:http-client');
export const WECHAT_API_CLIENT_OPTIONS = Symbol('wechat-mp:api-client-options');
/** Storage for callback dedupe; defaults to `MemoryDedupeStore`. */
export const WECHAT_DEDUPE_STORE = Symbol('wechat-mp:dedupe-store');

/** Where H5 logins are remembered (`WechatOAuthSessionStore`); defaults to the signed cookie store. */
export const WECHAT_OAUTH_SESSION_STORE = Symbol('wechat-mp:oauth-session-store');
/** The module's `oauth` options (`WechatOAuthOptions`). */
export const WECHAT_OAUTH_OPTIONS = Symbol('wechat-mp:oauth-options');
/** Route/class metadata of `@WechatOAuth()`. */
export const WECHAT_OAUTH_METADATA = 'wechat-mp:oauth';

/** Method metadata: the list of `HandlerMatcher`s a method was decorated with (decorators append). */
export const WECHAT_HANDLER_METADATA = 'wechat-mp:handler';
/** Class or method metadata: restricts handlers to one account (`@ForAccount`). */
export const WECHAT_ACCOUNT_METADATA = 'wechat-mp:account';
/** Parameter metadata used by `@WechatMessage()` / `@WechatContext()`. */
export const WECHAT_PARAM_METADATA = 'wechat-mp:param';

/** The execution-context type handlers run under (`host.getType() === 'wechat'`). */
export const WECHAT_CONTEXT_TYPE = 'wechat';

/** Name of the account configured by the top-level options. */
export const DEFAULT_ACCOUNT_NAME = 'default';

export const DEFAULTS = {
  path: 'wechat',
  maxTimestampSkewSeconds: 300,
  bodyLimitBytes: 1024 * 1024,
  /** A callback body not complete within this is refused (WeChat itself gives up after 5 s). */
  bodyReadTimeoutMs: 5_000,
  apiBaseUrl: 'https://api.weixin.qq.com',
  apiTimeoutMs: 10_000,
  tokenEndpoint: 'stable',
  /** Refresh a cached token this long before WeChat says it expires. */
  tokenRefreshMarginSeconds: 300,
  /** WeChat gives up after 5 s; answer well before that. */
  replyDeadlineMs: 4_000,
  dedupeTtlSeconds: 30,
  dedupeMaxEntries: 100_000,
} as const;

/** Field names on the raw request object where the inbound pipeline leaves its results. */
export const REQUEST_KEYS = {
  rawBody: 'wechatRawBody',
  bodyError: 'wechatBodyError',
  inbound: 'wechatInbound',
  oauthUser: 'wechatOAuthUser',
  /** The capture layer's verified query (`VerifiedQuery`), reused by the route. */
  verifiedQuery: 'wechatVerifiedQuery',
  /** The parsed query, read once (`queryOf`). */
  query: 'wechatQuery',
} as const;
