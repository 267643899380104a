import { WechatConfigError } from '../errors/wechat-config.error.js';
import { WechatTransportError } from '../errors/wechat-transport.error.js';
import { credentialKey, type TokenStore } from '../stores/token-store.interface.js';
import type { ResolvedAccount } from '../wechat-accounts.js';
import type { TokenEndpoint } from '../wechat-mp.options.js';
import { CredentialManager, type FetchedCredential } from './credentials/credential-manager.js';
import type { WechatHttpTransport } from './transport/wechat-http.transport.js';
import { TOKEN_ENDPOINTS } from './credentials/token.endpoints.js';

export interface TokenServiceOptions {
  endpoint: TokenEndpoint;
  refreshMarginSeconds: number;
  /** Epoch milliseconds. */
  now: () => number;
}

/**
 * The access token of one account, kept by the `CredentialManager` (store first, single-flight refresh, fencing,
 * fallback to the stored token while an early refresh fails, expire-if-unchanged on refusal). Default endpoint
 * `stable_token` (normal mode); `classic` uses `/cgi-bin/token`.
 *
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/getStableAccessToken.html
 * (force refresh: 20 a day, 30 s apart — so it is used only when asked for, or when WeChat hands back the very
 * token it just refused).
 */
export class TokenService {
  private readonly manager: CredentialManager;

  constructor(
    private readonly transport: WechatHttpTransport,
    private readonly account: ResolvedAccount,
    store: TokenStore,
    private readonly options: TokenServiceOptions,
  ) {
    this.manager = new CredentialManager(store, {
      key: credentialKey(account.appId, 'access_token'),
      label: `access_token of ${account.appId}`,
      refreshMarginSeconds: options.refreshMarginSeconds,
      now: options.now,
      fetch: (force) => this.fetch(force),
    });
  }

  get appId(): string {
    return this.account.appId;
  }

  /** A token that is good for at least the refresh margin (or still valid while a refresh fails). */
  getAccessToken(): Promise<string> {
    return this.manager.get();
  }

  /**
   * Fetches a new token even if the stored one is fresh: `stable_token` with `force_refresh: true` (this invalidates
   * the previous token for everyone), or a classic fetch. Concurrent forced refreshes share one request.
   */
  forceRefresh(): Promise<string> {
    return this.manager.forceRefresh();
  }

  /** Expires the stored token if it is still `accessToken` (compare-and-delete); true when it did. */
  invalidate(accessToken: string): Promise<boolean> {
    return this.manager.invalidate(accessToken);
  }

  /**
   * After WeChat refused `failedToken` (40001/40014/42001): expire it if nobody replaced it yet, then return the
   * current token. If WeChat hands back the very token it refused, force one refresh. Never loops.
   */
  recoverFrom(failedToken: string): Promise<string> {
    return this.manager.recoverFrom(failedToken);
  }

  private async fetch(force: boolean): Promise<FetchedCredential> {
    const { appId, appSecret } = this.account;
    if (!appSecret) {
      throw new WechatConfigError(`appSecret (account ${this.account.name})`, 'the outbound API needs the AppSecret');
    }
    const classic = this.options.endpoint === 'classic';
    const endpoint = classic ? TOKEN_ENDPOINTS.classicToken : force ? TOKEN_ENDPOINTS.stableTokenForced : TOKEN_ENDPOINTS.stableToken;
    const response = await this.transport.send(
      endpoint,
      classic
        ? { query: { grant_type: 'client_credential', appid: appId, secret: appSecret } }
        : { body: { grant_type: 'client_credential', appid: appId, secret: appSecret, force_refresh: force } },
    );
    const answer = this.transport.json(endpoint, response);
    const expiresIn = Number(answer.expires_in);
    if (typeof answer.access_token !== 'string' || !answer.access_token || !(expiresIn > 0)) {
      throw new WechatTransportError('bad_response', endpoint.path, 'the answer holds no access_token and expires_in');
    }
    return { value: answer.access_token, expiresInSeconds: expiresIn };
  }
}
