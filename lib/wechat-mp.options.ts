import type { WechatHttpClient } from './api/transport/http-client.js';
import type { RetryOptions } from './api/retry-policy.js';
import type { DedupeStore } from './stores/dedupe-store.interface.js';
import type { TokenStore } from './stores/token-store.interface.js';
import type { WechatOAuthSessionStore } from './oauth/oauth-session.store.js';
import type { WechatOAuthOptions } from './oauth/wechat-oauth.options.js';

/** Which endpoint fetches access tokens: `stable` = `/cgi-bin/stable_token` (recommended), `classic` = `/cgi-bin/token`. */
export type TokenEndpoint = 'stable' | 'classic';

/** One 公众号. The top-level module options are the default account; `accounts` adds more. */
export interface WechatAccountOptions {
  /** Account name, used in its callback path (`/wechat/<name>`) and to look its services up. Default `'default'`. */
  name?: string;
  /** AppID (开发者ID), e.g. `wx1234567890abcdef`. */
  appId: string;
  /** AppSecret (开发者密码). Needed only for the outbound API. Never logged. */
  appSecret?: string;
  /** Token (令牌) configured in 服务器配置: 3–32 letters and digits. Never logged. */
  token: string;
  /** EncodingAESKey (消息加解密密钥): 43 letters and digits. Required for compatible and safe mode. Never logged. */
  encodingAESKey?: string;
  /**
   * The EncodingAESKey before the last change (rotation). Callbacks that do not decrypt with `encodingAESKey` are
   * tried with it; replies always use `encodingAESKey`. Remove it once WeChat sends with the new key only. Never logged.
   */
  previousEncodingAESKey?: string;
  /**
   * Refuse plaintext callbacks (401 `encryption_required`), as needed when 服务器配置 uses safe (or compatible) mode:
   * in plaintext mode `signature` covers no body, so anyone holding one signed URL could post any message within
   * the replay window. Needs `encodingAESKey`. Default: `true` when `encodingAESKey` is set, otherwise `false`.
   */
  requireEncryption?: boolean;
  /** Replay window for the `timestamp` query parameter, in seconds. `0` turns the check off. Default 300. */
  maxTimestampSkewSeconds?: number;
  /** Largest accepted callback body, in bytes. Default 1 MiB (WeChat's own payloads are a few KB). */
  bodyLimitBytes?: number;
  /** Base URL of the platform API. Default `https://api.weixin.qq.com`; point it at the emulator in tests. */
  apiBaseUrl?: string;
  /** Timeout of one API request, in milliseconds. Default 10000. */
  apiTimeoutMs?: number;
  /** Default `stable`. */
  tokenEndpoint?: TokenEndpoint;
  /**
   * Reply budget in milliseconds. A handler still running then is answered with `success` and its reply is sent later
   * through the customer-service API. `false` turns it off. Default 4000.
   */
  replyDeadlineMs?: number | false;
}

export interface WechatMpModuleOptions extends WechatAccountOptions {
  /** Further accounts; each needs a unique `name`. Unset fields inherit from the top level. */
  accounts?: WechatAccountOptions[];
  /** Where access tokens live. Default: in memory (one process). Use `RedisTokenStore` for a cluster. */
  tokenStore?: TokenStore;
  /** Where callback dedupe keys live. Default: in memory. Use `RedisDedupeStore` for a cluster. */
  dedupeStore?: DedupeStore;
  /**
   * Seconds a callback is remembered for dedupe and replay protection. It must cover the replay window
   * (2 × `maxTimestampSkewSeconds` of every account; a shorter value is refused at startup). Default: that window
   * (600 s with the default skew), at least 30.
   */
  dedupeTtlSeconds?: number;
  /** Backoff of repeatable (read-only) API calls. Default `{ attempts: 3, baseDelayMs: 100, maxDelayMs: 2000 }`. */
  apiRetry?: Partial<RetryOptions>;
  /**
   * The axios instance the outbound API sends with (interceptors, proxy, keep-alive agent), or an @nestjs/axios
   * `HttpService`. Default: a fresh `axios.create()`. The package itself never loads @nestjs/axios.
   */
  httpClient?: WechatHttpClient;
  /**
   * Base URL of the `mp.weixin.qq.com` endpoints (the QR code image). Default: `https://mp.weixin.qq.com` with
   * WeChat's own API host, otherwise `apiBaseUrl` (the emulator serves both).
   */
  mpBaseUrl?: string;
  /**
   * Base URL of the OAuth2 authorize page (open.weixin.qq.com). Default: `https://open.weixin.qq.com` with WeChat's
   * own API host, otherwise `apiBaseUrl` (the emulator plays it too).
   */
  oauthBaseUrl?: string;
  /** How `@WechatOAuth()` routes sign their state and remember a login (see `WechatOAuthOptions`). */
  oauth?: WechatOAuthOptions;
  /** Where H5 logins are remembered. Default: a signed, HttpOnly cookie (`CookieOAuthSessionStore`). */
  oauthSessionStore?: WechatOAuthSessionStore;
}

/** Options that shape the module itself and must be known before the factory runs. */
export interface WechatMpModuleExtras {
  /** Register the module globally. Default `false`. */
  isGlobal?: boolean;
  /**
   * Route of the built-in callback controller: the default account answers at `/<path>`, others at `/<path>/<name>`.
   * `false` registers no controller (use `WechatSignatureGuard` + `WechatXmlInterceptor` on your own). Default `'wechat'`.
   */
  path?: string | false;
  /**
   * Map `/<path>/:account` for the accounts after the default one. `forRoot` derives it from `accounts`. With
   * `forRootAsync` the accounts are not known when routes are declared: set `true` when the factory returns several
   * accounts (default `false`, so a one-account app maps only `/<path>`); several accounts without it fail at startup
   * naming this option.
   */
  accountRoutes?: boolean;
}

/** What `forRootAsync({ useClass | useExisting })` expects of its class. */
export interface WechatMpOptionsFactory {
  createWechatMpOptions(): WechatMpModuleOptions | Promise<WechatMpModuleOptions>;
}
