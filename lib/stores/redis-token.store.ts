import { randomBytes } from 'node:crypto';
import type { OnModuleDestroy } from '@nestjs/common';
import { WechatConfigError } from '../errors/wechat-config.error.js';
import { WechatStoreUnavailableError } from '../errors/wechat-store-unavailable.error.js';
import { RedisConnection, type RedisStoreOptions } from './redis-connection.js';
import { REDIS_STORE_MESSAGES as MESSAGES } from './redis-store.messages.js';
import type { StoredToken, TokenStore } from './token-store.interface.js';
import { POLL_BACKOFF, sleep } from '../common/poll.js';

export interface RedisTokenStoreOptions extends RedisStoreOptions {
  /**
   * How long the refresh lock lives, in milliseconds. A process that dies while refreshing blocks the others for at
   * most this long. Default 10000 (a token fetch takes well under a second; a longer one lets another process try).
   */
  lockTtlMs?: number;
  /** How long a process waits for another's refresh before failing with `lock_wait_timeout`. Default `lockTtlMs + 2000`. */
  lockWaitMs?: number;
}

/** Deletes KEYS[1] only if it is the JSON token whose accessToken is ARGV[1] ("expire only if unchanged"). */
const INVALIDATE_IF_UNCHANGED = `
local value = redis.call('GET', KEYS[1])
if not value then return 0 end
local ok, token = pcall(cjson.decode, value)
if ok and type(token) == 'table' and token.accessToken == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/** Deletes the lock only if this caller still owns it (it may have expired and been taken by another process). */
const RELEASE_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Access tokens in Redis, one per AppID, shared by every process that uses the same Redis and key prefix.
 *
 * - `get`/`set`: the token as JSON `{ accessToken, expiresAt, refreshAt? }` at `<prefix>token:<appId>`, with a
 *   Redis TTL that ends when the token does.
 * - `invalidate`: a Lua compare-and-delete, so a process that saw an old token fail cannot delete the new one.
 * - `withRefreshLock`: `SET <prefix>lock:<appId> <owner> NX PX lockTtlMs`; released by compare-and-delete. Waiters
 *   poll the lock (20 → 200 ms) for at most `lockWaitMs`, then fail with `WECHAT_STORE_UNAVAILABLE`
 *   (`lock_wait_timeout`); a holder that crashed blocks nobody beyond `lockTtlMs`. `TokenService` re-reads the
 *   store once it holds the lock, so a waiter takes the token its predecessor fetched instead of fetching again.
 * - Redis unreachable: every operation fails fast (`commandTimeoutMs`) with `WechatStoreUnavailableError`, logged
 *   once per outage. There is no fallback to per-process tokens: in a cluster those invalidate each other.
 */
export class RedisTokenStore implements TokenStore, OnModuleDestroy {
  private readonly redis: RedisConnection;
  private readonly lockTtlMs: number;
  private readonly lockWaitMs: number;

  constructor(options: RedisTokenStoreOptions) {
    this.redis = new RedisConnection('token', options);
    this.lockTtlMs = options.lockTtlMs ?? 10_000;
    this.lockWaitMs = options.lockWaitMs ?? this.lockTtlMs + 2_000;
    for (const [name, value] of [['lockTtlMs', this.lockTtlMs], ['lockWaitMs', this.lockWaitMs]] as const) {
      if (!Number.isInteger(value) || value < 1) throw new WechatConfigError(name, 'must be a positive integer (milliseconds)');
    }
  }

  /** The Redis key holding `appId`'s token. */
  tokenKey(appId: string): string {
    return `${this.redis.keyPrefix}token:${appId}`;
  }

  /** The Redis key of `appId`'s refresh lock. */
  lockKey(appId: string): string {
    return `${this.redis.keyPrefix}lock:${appId}`;
  }

  async get(appId: string): Promise<StoredToken | null> {
    const raw = await this.redis.run('GET', (c) => c.get(this.tokenKey(appId)));
    if (raw === null) return null;
    const token = parseToken(raw);
    if (!token) this.redis.warn(MESSAGES.corruptToken(appId));
    return token;
  }

  async set(appId: string, token: StoredToken): Promise<void> {
    const value: StoredToken = { accessToken: token.accessToken, expiresAt: token.expiresAt };
    if (token.refreshAt !== undefined) value.refreshAt = token.refreshAt;
    // The Redis TTL follows the wall clock; at least 1 s so a token fetched at its very end is still shared.
    const ttlMs = Math.max(Math.ceil(token.expiresAt - Date.now()), 1_000);
    await this.redis.run('SET', (c) => c.set(this.tokenKey(appId), JSON.stringify(value), 'PX', ttlMs));
  }

  async invalidate(appId: string, accessToken: string): Promise<boolean> {
    const deleted = await this.redis.run('EVAL invalidate', (c) => c.eval(INVALIDATE_IF_UNCHANGED, 1, this.tokenKey(appId), accessToken));
    return deleted === 1;
  }

  async withRefreshLock<T>(appId: string, refresh: () => Promise<T>): Promise<T> {
    const key = this.lockKey(appId);
    const owner = randomBytes(12).toString('hex');
    const started = Date.now();
    // Waiters poll the lock (POLL_BACKOFF): a refresh is seen within 200 ms, at ≤ 5 commands a second.
    for (let delay: number = POLL_BACKOFF.firstMs; ; delay = Math.min(delay * 2, POLL_BACKOFF.maxMs)) {
      const acquired = await this.redis.run('SET NX', (c) => c.set(key, owner, 'PX', this.lockTtlMs, 'NX'));
      if (acquired === 'OK') break;
      const waited = Date.now() - started;
      if (waited >= this.lockWaitMs) {
        throw new WechatStoreUnavailableError('token', 'SET NX', 'lock_wait_timeout', MESSAGES.lockWaitTimeout(appId, waited));
      }
      await sleep(Math.min(delay, this.lockWaitMs - waited));
    }
    try {
      return await refresh();
    } finally {
      await this.redis.run('EVAL release', (c) => c.eval(RELEASE_IF_OWNER, 1, key, owner)).catch((error: unknown) => {
        // The refresh's own outcome matters more; the lock expires by its TTL.
        this.redis.warn(MESSAGES.releaseFailed(appId, error instanceof Error ? error.message : String(error)));
      });
    }
  }

  /** Closes the client if this store created it (from `connection`). */
  close(): Promise<void> {
    return this.redis.close();
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }
}

function parseToken(raw: string): StoredToken | null {
  try {
    const value = JSON.parse(raw) as Partial<StoredToken> | null;
    if (!value || typeof value.accessToken !== 'string' || typeof value.expiresAt !== 'number') return null;
    const token: StoredToken = { accessToken: value.accessToken, expiresAt: value.expiresAt };
    if (typeof value.refreshAt === 'number') token.refreshAt = value.refreshAt;
    return token;
  } catch {
    return null;
  }
}

