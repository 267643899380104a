import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WechatOAuthUser } from '../api/oauth/oauth.types.js';

/** Cookie options the guard understands (a small, adapter-neutral subset). */
export interface OAuthCookieOptions {
  maxAgeSeconds: number;
  /** Default true. */
  httpOnly?: boolean;
}

/** What a session store sees of one request: its cookies, a way to set one, and the account's signing key. */
export interface OAuthHttpContext {
  /** The raw request (Express or Fastify), for stores that keep sessions elsewhere. */
  readonly request: unknown;
  /** The account the login is for. */
  readonly appId: string;
  /** A per-account key for signing (derived from `oauth.secret`, or from the AppSecret). */
  readonly signingKey: Buffer;
  cookie(name: string): string | undefined;
  setCookie(name: string, value: string, options: OAuthCookieOptions): void;
}

/**
 * Where an H5 login is remembered between requests. Bind your own to `WECHAT_OAUTH_SESSION_STORE` (module option
 * `oauthSessionStore`), e.g. to keep it in express-session or Redis. Store only the `WechatOAuthUser`: it holds no
 * OAuth token.
 */
export interface WechatOAuthSessionStore {
  load(http: OAuthHttpContext): Promise<WechatOAuthUser | null> | WechatOAuthUser | null;
  save(http: OAuthHttpContext, user: WechatOAuthUser): Promise<void> | void;
}

export interface CookieOAuthSessionStoreOptions {
  /** Cookie name; the account's name is appended for other accounts than the default. Default `wechat_oauth`. */
  cookieName?: string;
  /** How long a login is remembered. Default 7200 (the OAuth access_token's life). */
  ttlSeconds?: number;
}

/**
 * The default: the login in a signed, HttpOnly, SameSite=Lax cookie (`<payload>.<HMAC-SHA256>`), so it needs no
 * extra infrastructure and works across a cluster. The payload is the `WechatOAuthUser` and an expiry; anyone can
 * read it (base64url JSON) but not alter it. A cookie for another account, altered, or expired is ignored.
 */
export class CookieOAuthSessionStore implements WechatOAuthSessionStore {
  readonly cookieName: string;
  readonly ttlSeconds: number;

  constructor(options: CookieOAuthSessionStoreOptions = {}) {
    this.cookieName = options.cookieName ?? 'wechat_oauth';
    this.ttlSeconds = options.ttlSeconds ?? 7200;
  }

  load(http: OAuthHttpContext): WechatOAuthUser | null {
    const raw = http.cookie(this.cookieName);
    if (!raw) return null;
    const dot = raw.lastIndexOf('.');
    if (dot <= 0) return null;
    const payload = raw.slice(0, dot);
    const given = Buffer.from(raw.slice(dot + 1), 'base64url');
    const expected = mac(http.signingKey, payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { a: string; e: number; u: WechatOAuthUser };
      if (data.a !== http.appId || !(Date.now() < data.e) || typeof data.u?.openid !== 'string') return null;
      return data.u;
    } catch {
      return null;
    }
  }

  save(http: OAuthHttpContext, user: WechatOAuthUser): void {
    const payload = Buffer.from(JSON.stringify({ a: http.appId, e: Date.now() + this.ttlSeconds * 1000, u: user })).toString('base64url');
    http.setCookie(this.cookieName, `${payload}.${mac(http.signingKey, payload).toString('base64url')}`, { maxAgeSeconds: this.ttlSeconds });
  }
}

function mac(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(`session|${payload}`).digest();
}
