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

/**
 * Sets KEYS[1] (the credential) to ARGV[1] for ARGV[2] ms unless KEYS[2] (the key's fence counter) has passed
 * ARGV[3]: a later lock holder exists, so this writer's lock expired during its fetch and its credential is older.
 */
const SET_IF_FENCE_CURRENT = `
local latest = tonumber(redis.call('GET', KEYS[2]) or '0')
if tonumber(ARGV[3]) < latest then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

/** Deletes the lock only if this caller still owns it (it may have expired and been taken by another process). */
const RELEASE_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Credentials in Redis (the access_token and the JS-SDK tickets, one per key), shared by every process that uses the
 * same Redis and key prefix.
 *
 * - `get`/`set`: the credential as JSON `{ accessToken, expiresAt, refreshAt? }` at `<prefix>token:<key>` (the key is
 *   the AppID for the access_token, `<appId>:jsapi_ticket` for a ticket), with a Redis TTL that ends when it does.
 * - Fencing: taking the lock increments `<prefix>fence:{<prefix>token:<key>}` (hash-tagged into the credential's
 *   slot, so the check is one script on a Redis Cluster too) and hands the number to the refresh; `set` with that
 *   fence is a Lua check-and-set that refuses once a later fence was handed out. A holder whose lock expired while
 *   its fetch was still running can therefore never overwrite the credential of the holder after it.
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

  /** The Redis key of the fence counter of a credential key (same cluster slot as `tokenKey`). */
  fenceKey(key: string): string {
    return `${this.redis.keyPrefix}fence:{${this.tokenKey(key)}}`;
  }

  async get(appId: string): Promise<StoredToken | null> {
    const raw = await this.redis.run('GET', (c) => c.get(this.tokenKey(appId)));
    if (raw === null) return null;
    const token = parseToken(raw);
    if (!token) this.redis.warn(MESSAGES.corruptToken(appId));
    return token;
  }

  async set(appId: string, token: StoredToken, fence?: number): Promise<boolean> {
    const value: StoredToken = { accessToken: token.accessToken, expiresAt: token.expiresAt };
    if (token.refreshAt !== undefined) value.refreshAt = token.refreshAt;
    // The Redis TTL follows the wall clock; at least 1 s so a token fetched at its very end is still shared.
    const ttlMs = Math.max(Math.ceil(token.expiresAt - Date.now()), 1_000);
    const json = JSON.stringify(value);
    if (fence === undefined) {
      await this.redis.run('SET', (c) => c.set(this.tokenKey(appId), json, 'PX', ttlMs));
      return true;
    }
    const written = await this.redis.run('EVAL set-if-fence', (c) =>
      c.eval(SET_IF_FENCE_CURRENT, 2, this.tokenKey(appId), this.fenceKey(appId), json, String(ttlMs), String(fence)),
    );
    return written === 1;
  }

  async invalidate(appId: string, accessToken: string): Promise<boolean> {
    const deleted = await this.redis.run('EVAL invalidate', (c) => c.eval(INVALIDATE_IF_UNCHANGED, 1, this.tokenKey(appId), accessToken));
    return deleted === 1;
  }

  async withRefreshLock<T>(appId: string, refresh: (fence?: number) => Promise<T>): Promise<T> {
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
      // Taken after the lock: a later holder (after this lock's TTL) always gets a larger number.
      const fence = await this.redis.run('INCR fence', (c) => c.incr(this.fenceKey(appId)));
      return await refresh(fence);
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

