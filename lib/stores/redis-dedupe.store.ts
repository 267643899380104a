import type { OnModuleDestroy } from '@nestjs/common';
import type { DedupeStore } from './dedupe-store.interface.js';
import { RedisConnection, type RedisStoreOptions } from './redis-connection.js';

export type RedisDedupeStoreOptions = RedisStoreOptions;

/** Value of a claimed key until the first delivery records its answer (answers are never empty). */
const PENDING = '';

/**
 * Dedupe of WeChat's retries across a cluster: a retry may land on any instance, so the claim must be shared.
 * `claim` is `SET <prefix>dedupe:<key> "" NX EX ttl` — exactly one instance wins; `setResult` overwrites the value
 * with the first delivery's answer, which the retries read. Keys already carry the AppID (`<appId>:<message key>`).
 * Redis unreachable: operations fail fast with `WechatStoreUnavailableError`, logged once per outage.
 */
export class RedisDedupeStore implements DedupeStore, OnModuleDestroy {
  private readonly redis: RedisConnection;

  constructor(options: RedisDedupeStoreOptions) {
    this.redis = new RedisConnection('dedupe', options);
  }

  /** The Redis key of a dedupe key. */
  keyOf(key: string): string {
    return `${this.redis.keyPrefix}dedupe:${key}`;
  }

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    const answer = await this.redis.run('SET NX', (c) => c.set(this.keyOf(key), PENDING, 'EX', ttlSeconds, 'NX'));
    return answer === 'OK';
  }

  async setResult(key: string, result: string, ttlSeconds: number): Promise<void> {
    await this.redis.run('SET', (c) => c.set(this.keyOf(key), result, 'EX', ttlSeconds));
  }

  async getResult(key: string): Promise<string | null> {
    const value = await this.redis.run('GET', (c) => c.get(this.keyOf(key)));
    return value === null || value === PENDING ? null : value;
  }

  /** Closes the client if this store created it (from `connection`). */
  close(): Promise<void> {
    return this.redis.close();
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }
}
