import { WechatConfigError } from '../errors/wechat-config.error.js';
import { WechatTransportError } from '../errors/wechat-transport.error.js';
import type { StoredToken, TokenStore } from '../stores/token-store.interface.js';
import type { ResolvedAccount } from '../wechat-accounts.js';
import type { TokenEndpoint } from '../wechat-mp.options.js';
import type { WechatHttpTransport } from './transport/wechat-http.transport.js';
import { ENDPOINTS } from './wechat-endpoints.js';

export interface TokenServiceOptions {
  endpoint: TokenEndpoint;
  refreshMarginSeconds: number;
  /** Epoch milliseconds. */
  now: () => number;
}

interface TokenAnswer {
  access_token?: unknown;
  expires_in?: unknown;
}

/**
 * The access token of one account. `getAccessToken()` answers from the store while the token is fresh and
 * otherwise refreshes it: concurrent callers in this process share one request (single-flight), and the refresh
 * runs inside the store's refresh lock and re-reads the store first, so callers in other processes sharing the
 * store do not fetch again either. Default endpoint `stable_token` (normal mode); `classic` uses `/cgi-bin/token`.
 *
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/getStableAccessToken.html
 * (force refresh: 20 a day, 30 s apart — so it is used only when asked for, or when WeChat hands back the very
 * token it just refused).
 */
export class TokenService {
  private inflight: Promise<StoredToken> | null = null;
  private inflightForced: Promise<StoredToken> | null = null;

  constructor(
    private readonly transport: WechatHttpTransport,
    private readonly account: ResolvedAccount,
    private readonly store: TokenStore,
    private readonly options: TokenServiceOptions,
  ) {}

  get appId(): string {
    return this.account.appId;
  }

  /** A token that is good for at least the refresh margin, from the store or freshly fetched. */
  async getAccessToken(): Promise<string> {
    const cached = await this.store.get(this.appId);
    if (cached && this.isFresh(cached)) return cached.accessToken;
    return (await this.refresh(false)).accessToken;
  }

  /**
   * Fetches a new token even if the stored one is fresh: `stable_token` with `force_refresh: true` (this invalidates
   * the previous token for everyone), or a classic fetch. Concurrent forced refreshes share one request.
   */
  async forceRefresh(): Promise<string> {
    return (await this.refresh(true)).accessToken;
  }

  /** Expires the stored token if it is still `accessToken` (compare-and-delete); true when it did. */
  invalidate(accessToken: string): Promise<boolean> {
    return this.store.invalidate(this.appId, accessToken);
  }

  /**
   * After WeChat refused `failedToken` (40001/40014/42001): expire it if nobody replaced it yet, then return the
   * current token. If WeChat hands back the very token it refused, force one refresh. Never loops.
   */
  async recoverFrom(failedToken: string): Promise<string> {
    await this.invalidate(failedToken);
    const next = await this.getAccessToken();
    return next !== failedToken ? next : (await this.refresh(true, failedToken)).accessToken;
  }

  private isFresh(token: StoredToken): boolean {
    const refreshAt = token.refreshAt ?? token.expiresAt - this.options.refreshMarginSeconds * 1000;
    return this.options.now() < refreshAt;
  }

  /**
   * `refused`: the token WeChat refused, when a forced refresh recovers from it. Another caller or process may have
   * replaced it while we waited for the lock; forcing again would then kill that newer token.
   */
  private refresh(force: boolean, refused?: string): Promise<StoredToken> {
    const current = force ? this.inflightForced : this.inflight;
    if (current) return current;
    const started = this.store
      .withRefreshLock(this.appId, async () => {
        if (!force || refused !== undefined) {
          // Someone (another caller, another process) may have refreshed while we waited for the lock.
          const again = await this.store.get(this.appId);
          if (again && this.isFresh(again) && again.accessToken !== refused) return again;
        }
        const token = await this.fetch(force);
        await this.store.set(this.appId, token);
        return token;
      })
      .finally(() => {
        if (force) this.inflightForced = null;
        else this.inflight = null;
      });
    if (force) this.inflightForced = started;
    else this.inflight = started;
    return started;
  }

  private async fetch(force: boolean): Promise<StoredToken> {
    const { appId, appSecret } = this.account;
    if (!appSecret) {
      throw new WechatConfigError(`appSecret (account ${this.account.name})`, 'the outbound API needs the AppSecret');
    }
    const classic = this.options.endpoint === 'classic';
    const endpoint = classic ? ENDPOINTS.classicToken : force ? ENDPOINTS.stableTokenForced : ENDPOINTS.stableToken;
    const response = await this.transport.send(
      endpoint,
      classic
        ? { query: { grant_type: 'client_credential', appid: appId, secret: appSecret } }
        : { body: { grant_type: 'client_credential', appid: appId, secret: appSecret, force_refresh: force } },
    );
    const answer: TokenAnswer = this.transport.json(endpoint, response);
    const expiresIn = Number(answer.expires_in);
    if (typeof answer.access_token !== 'string' || !answer.access_token || !(expiresIn > 0)) {
      throw new WechatTransportError('bad_response', endpoint.path, 'the answer holds no access_token and expires_in');
    }
    const now = this.options.now();
    const lifetimeMs = expiresIn * 1000;
    // Refresh `margin` before expiry, but use a token at least half its life when it arrives with less than that.
    const useForMs = Math.max(lifetimeMs - this.options.refreshMarginSeconds * 1000, lifetimeMs / 2);
    return { accessToken: answer.access_token, expiresAt: now + lifetimeMs, refreshAt: now + useForMs };
  }
}
