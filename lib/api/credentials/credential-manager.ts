import { Logger } from '@nestjs/common';
import type { StoredToken, TokenStore } from '../../stores/token-store.interface.js';

/** A credential as the platform hands it out. */
export interface FetchedCredential {
  value: string;
  expiresInSeconds: number;
}

export interface CredentialManagerOptions {
  /** Store key (`credentialKey(appId, kind)`). */
  key: string;
  /** What it is, for log lines: `access_token of wx…`, `jsapi ticket of wx…`. Never the value. */
  label: string;
  /** Start refreshing this long before expiry. */
  refreshMarginSeconds: number;
  /** Epoch milliseconds. */
  now: () => number;
  /** Fetches a new credential from the platform; `force` asks for a new one even if the current one is good. */
  fetch: (force: boolean) => Promise<FetchedCredential>;
}

/** After an early refresh failed and the stored credential was used, wait this long before trying again. */
export const EARLY_REFRESH_BACKOFF_MS = 30_000;
/** A stored credential this close to its expiry is not handed out when a refresh fails. */
const STILL_VALID_MARGIN_MS = 5_000;

/**
 * One credential of one account, for every kind the platform issues (access_token, jsapi and wx_card tickets):
 *
 * - **Store first.** `get()` answers from the shared store while the credential is fresh (before `refreshAt`).
 * - **Single-flight refresh.** Concurrent callers in this process share one fetch; the fetch runs inside the
 *   store's refresh lock and re-reads the store first, so other processes sharing the store do not fetch again.
 * - **Fencing.** The fetched credential is written with the lock's fence: if this holder's lock expired during a
 *   slow fetch and a later holder stored a newer credential, the write is refused and the newer one is used.
 * - **Fallback during early refresh.** A refresh inside the margin that fails while the stored credential is still
 *   valid hands out the stored one (logged once, retried after `EARLY_REFRESH_BACKOFF_MS`) instead of failing the
 *   call: an outage of a few minutes costs nothing while the credential lives.
 * - **Expire-if-unchanged on refusal** (WxJava's rule): `recoverFrom(failed)` deletes the stored credential only if
 *   it is still the refused one, takes the current one, and forces one fetch only if that is again the refused one.
 */
export class CredentialManager {
  private inflight: Promise<StoredToken> | null = null;
  private inflightForced: Promise<StoredToken> | null = null;
  private quietUntil = 0;
  private readonly logger = new Logger('WechatCredentials');

  constructor(
    private readonly store: TokenStore,
    private readonly options: CredentialManagerOptions,
  ) {}

  get key(): string {
    return this.options.key;
  }

  /** A credential good for at least the refresh margin, or a still-valid stored one when refreshing fails. */
  async get(): Promise<string> {
    const cached = await this.store.get(this.key);
    if (cached && this.isFresh(cached)) return cached.accessToken;
    const now = this.options.now();
    if (!cached || now >= cached.expiresAt - STILL_VALID_MARGIN_MS) return (await this.refresh(false)).accessToken;
    if (now < this.quietUntil) return cached.accessToken;
    try {
      return (await this.refresh(false)).accessToken;
    } catch (error) {
      // Concurrent callers share the failed refresh: one log line for all of them.
      if (this.options.now() >= this.quietUntil) {
        const left = Math.floor((cached.expiresAt - now) / 1000);
        const reason = error instanceof Error ? error.message : String(error);
        this.logger.warn(`Early refresh of the ${this.options.label} failed (${reason}); using the stored one, valid ${left} s more`);
      }
      this.quietUntil = this.options.now() + EARLY_REFRESH_BACKOFF_MS;
      return cached.accessToken;
    }
  }

  /** Fetches a new credential even if the stored one is fresh. Concurrent forced refreshes share one fetch. */
  async forceRefresh(): Promise<string> {
    return (await this.refresh(true)).accessToken;
  }

  /** Expires the stored credential if it is still `value` (compare-and-delete); true when it did. */
  invalidate(value: string): Promise<boolean> {
    return this.store.invalidate(this.key, value);
  }

  /**
   * After WeChat refused `failed`: expire it if nobody replaced it yet, then return the current credential. If that
   * is the very one refused, force one refresh. Never loops.
   */
  async recoverFrom(failed: string): Promise<string> {
    await this.invalidate(failed);
    const next = await this.get();
    return next !== failed ? next : (await this.refresh(true, failed)).accessToken;
  }

  private isFresh(token: StoredToken): boolean {
    const refreshAt = token.refreshAt ?? token.expiresAt - this.options.refreshMarginSeconds * 1000;
    return this.options.now() < refreshAt;
  }

  /**
   * `refused`: the credential WeChat refused, when a forced refresh recovers from it. Another caller or process may
   * have replaced it while we waited for the lock; forcing again would then kill that newer one.
   */
  private refresh(force: boolean, refused?: string): Promise<StoredToken> {
    const current = force ? this.inflightForced : this.inflight;
    if (current) return current;
    const started = this.store
      .withRefreshLock(this.key, async (fence) => {
        if (!force || refused !== undefined) {
          // Someone (another caller, another process) may have refreshed while we waited for the lock.
          const again = await this.store.get(this.key);
          if (again && this.isFresh(again) && again.accessToken !== refused) return again;
        }
        const token = this.toStored(await this.options.fetch(force));
        if ((await this.store.set(this.key, token, fence)) === false) {
          // Our lock expired during the fetch and a later holder stored its credential: that one is newer.
          const newer = await this.store.get(this.key);
          if (newer) return newer;
        }
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

  private toStored({ value, expiresInSeconds }: FetchedCredential): StoredToken {
    const now = this.options.now();
    const lifetimeMs = expiresInSeconds * 1000;
    // Refresh `margin` before expiry, but use a credential at least half its life when it arrives with less than that.
    const useForMs = Math.max(lifetimeMs - this.options.refreshMarginSeconds * 1000, lifetimeMs / 2);
    return { accessToken: value, expiresAt: now + lifetimeMs, refreshAt: now + useForMs };
  }
}
