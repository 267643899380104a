import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import { createHmac } from 'node:crypto';
import type { WechatOAuthUser } from '../api/oauth/oauth.types.js';
import { OAUTH_CODE_ERRCODES } from '../api/oauth/oauth.service.js';
import { WechatServices } from '../api/wechat-services.js';
import { WechatApiError } from '../errors/wechat-api.error.js';
import { WechatAccounts, type ResolvedAccount } from '../wechat-accounts.js';
import { REQUEST_KEYS, WECHAT_OAUTH_METADATA, WECHAT_OAUTH_OPTIONS, WECHAT_OAUTH_SESSION_STORE } from '../wechat-mp.constants.js';
import { OAUTH_MESSAGES as MESSAGES } from './oauth.messages.js';
import type { OAuthCookieOptions, OAuthHttpContext, WechatOAuthSessionStore } from './oauth-session.store.js';
import { STATE_TTL_SECONDS, createState, readState } from './oauth-state.js';
import type { WechatOAuthOptions, WechatOAuthRouteOptions } from './wechat-oauth.options.js';

const NONCE_COOKIE = 'wechat_oauth_nonce';
/** One retry through authorize (a replayed or expired code, a lost nonce cookie); then a clear 401. */
const MAX_ATTEMPTS = 2;

/** Thrown to send the visitor to WeChat's authorize page: HTTP 302 with `Location` (let it through your filters). */
export class WechatOAuthRedirectException extends HttpException {
  constructor(readonly location: string) {
    super({ statusCode: HttpStatus.FOUND, message: MESSAGES.redirecting, location }, HttpStatus.FOUND);
  }
}

interface HttpRequestLike {
  headers: Record<string, string | string[] | undefined>;
  url?: string;
  originalUrl?: string;
  protocol?: string;
  [key: string]: unknown;
}

/**
 * The H5 login (OAuth2 网页授权) for routes marked `@WechatOAuth()`:
 * 1. a remembered login (session store, default a signed cookie) with the route's scope → the handler runs;
 * 2. a return from WeChat (`?code=…&state=…`): the state must carry this app's HMAC (forged → 403, missing → 400)
 *    and match the nonce cookie; the code is exchanged once; a reused or expired code (40163 / 40029) or a lost
 *    cookie sends the visitor through authorize again (once), never a 500;
 * 3. otherwise → 302 to the authorize URL with a fresh state.
 * The handler gets the typed user with `@OAuthUser()`. OAuth tokens never leave the exchange: not stored, not logged.
 */
@Injectable()
export class WechatOAuthGuard implements CanActivate {
  private readonly logger = new Logger('WechatOAuth');

  constructor(
    private readonly reflector: Reflector,
    private readonly services: WechatServices,
    private readonly accounts: WechatAccounts,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(WECHAT_OAUTH_SESSION_STORE) private readonly sessions: WechatOAuthSessionStore,
    @Inject(WECHAT_OAUTH_OPTIONS) private readonly options: WechatOAuthOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const route =
      this.reflector.getAllAndOverride<WechatOAuthRouteOptions | undefined>(WECHAT_OAUTH_METADATA, [context.getHandler(), context.getClass()]) ?? {};
    const scope = route.scope ?? 'snsapi_base';
    const account = route.account === undefined ? this.accounts.default : this.accounts.get(route.account);
    const http = context.switchToHttp();
    const request = http.getRequest<HttpRequestLike>();
    const cookies = new CookieJar(request, this.signingKey(account));
    try {
      const remembered = await this.sessions.load(cookies.context(account.appId));
      if (remembered && (scope === 'snsapi_base' || remembered.scope === 'snsapi_userinfo')) return this.admit(request, remembered, route);

      const url = new URL(request.originalUrl ?? request.url ?? '/', 'http://placeholder');
      const code = url.searchParams.get('code');
      const state = url.searchParams.get('state');
      const target = this.redirectUri(request, url);
      if (code === null) {
        // No code: a first visit, or the user refused on the consent page (then `state` alone comes back).
        if (state !== null) throw new ForbiddenException(MESSAGES.denied);
        return this.toAuthorize(account, scope, route, target, 1, cookies);
      }
      if (state === null || state === '') throw new BadRequestException(MESSAGES.missingState);
      const checked = readState(cookies.signingKey, state);
      if (!checked.ok) throw new ForbiddenException(MESSAGES.forgedState);
      const next = checked.attempt + 1;
      if (checked.expired || cookies.get(NONCE_COOKIE) !== checked.nonce) {
        // Our own state but not this browser's current one (lost cookie, another tab, too slow): start over.
        return this.retry(account, scope, route, target, next, cookies);
      }
      let user: WechatOAuthUser;
      try {
        user = await this.services.forAccount(account.name).oauth.login(code, this.options.lang);
      } catch (error) {
        if (error instanceof WechatApiError && OAUTH_CODE_ERRCODES.has(error.errcode)) {
          this.logger.warn(MESSAGES.codeRefused(error.errcode));
          return this.retry(account, scope, route, target, next, cookies);
        }
        this.logger.error(MESSAGES.exchangeFailed(error instanceof Error ? error.message : String(error)));
        throw error;
      }
      cookies.set(NONCE_COOKIE, '', { maxAgeSeconds: 0 });
      await this.sessions.save(cookies.context(account.appId), user);
      return this.admit(request, user, route);
    } catch (error) {
      // Nest's exception layer answers with the status; the Location header makes it a redirect.
      if (error instanceof WechatOAuthRedirectException) this.adapterHost.httpAdapter.setHeader(http.getResponse(), 'Location', error.location);
      throw error;
    } finally {
      cookies.flush(this.adapterHost, http.getResponse());
    }
  }

  private admit(request: HttpRequestLike, user: WechatOAuthUser, route: WechatOAuthRouteOptions): boolean {
    if (user.isSnapshotUser && route.refuseSnapshotUsers) throw new ForbiddenException(MESSAGES.snapshotUser);
    request[REQUEST_KEYS.oauthUser] = user;
    return true;
  }

  private retry(account: ResolvedAccount, scope: WechatOAuthRouteOptions['scope'], route: WechatOAuthRouteOptions, target: string, attempt: number, cookies: CookieJar): never {
    if (attempt > MAX_ATTEMPTS) throw new UnauthorizedException(MESSAGES.tooManyAttempts);
    return this.toAuthorize(account, scope, route, target, attempt, cookies);
  }

  private toAuthorize(account: ResolvedAccount, scope: WechatOAuthRouteOptions['scope'], route: WechatOAuthRouteOptions, target: string, attempt: number, cookies: CookieJar): never {
    const { state, nonce } = createState(cookies.signingKey, attempt);
    cookies.set(NONCE_COOKIE, nonce, { maxAgeSeconds: STATE_TTL_SECONDS });
    const location = this.services.forAccount(account.name).oauth.authorizeUrl({ redirectUri: target, scope, state, forcePopup: route.forcePopup });
    throw new WechatOAuthRedirectException(location);
  }

  /** This URL without `code` and `state`, on the public origin. */
  private redirectUri(request: HttpRequestLike, url: URL): string {
    url.searchParams.delete('code');
    url.searchParams.delete('state');
    const origin = this.options.publicBaseUrl?.replace(/\/+$/, '') ?? `${request.protocol ?? 'http'}://${String(request.headers.host ?? 'localhost')}`;
    return `${origin}${url.pathname}${url.search}`;
  }

  private signingKey(account: ResolvedAccount): Buffer {
    const secret = this.options.secret ?? account.appSecret ?? account.token;
    return createHmac('sha256', secret).update(`nestjs-wechat-mp oauth|${account.appId}`).digest();
  }
}

/** Reads the request's cookies and collects the ones to set, written once (Set-Cookie is not additive per call). */
class CookieJar {
  private readonly incoming: Map<string, string>;
  private readonly outgoing = new Map<string, string>();
  private readonly secure: boolean;

  constructor(
    private readonly request: HttpRequestLike,
    readonly signingKey: Buffer,
  ) {
    this.incoming = parseCookies(request.headers.cookie);
    this.secure = request.protocol === 'https';
  }

  get(name: string): string | undefined {
    return this.outgoing.has(name) ? undefined : this.incoming.get(name);
  }

  set(name: string, value: string, options: OAuthCookieOptions): void {
    const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', `Max-Age=${options.maxAgeSeconds}`, 'SameSite=Lax'];
    if (options.httpOnly !== false) parts.push('HttpOnly');
    if (this.secure) parts.push('Secure');
    this.outgoing.set(name, parts.join('; '));
  }

  context(appId: string): OAuthHttpContext {
    return { request: this.request, appId, signingKey: this.signingKey, cookie: (n) => this.get(n), setCookie: (n, v, o) => this.set(n, v, o) };
  }

  flush(host: HttpAdapterHost, response: unknown): void {
    if (this.outgoing.size === 0) return;
    host.httpAdapter.setHeader(response, 'Set-Cookie', [...this.outgoing.values()] as unknown as string);
  }
}

function parseCookies(header: string | string[] | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (Array.isArray(header) ? header.join(';') : header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      if (!cookies.has(name)) cookies.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // a malformed cookie is ignored, like a missing one
    }
  }
  return cookies;
}
