import type { OnModuleDestroy } from '@nestjs/common';
import { hash } from 'node:crypto';
import type { DedupeStore } from './dedupe-store.interface.js';
import { RedisConnection, type RedisStoreOptions } from './redis-connection.js';

export type RedisDedupeStoreOptions = RedisStoreOptions;

/** Value of a claimed key until the first delivery records its answer (answers are never empty). */
const PENDING = '';
/** Keys longer than this are hashed: a store reachable by any caller of `claim` bounds what it writes to Redis. */
const MAX_KEY_LENGTH = 200;
/** Extends a lease only while it is still pending: a renewal must never turn a recorded answer back into a claim. */
const RENEW = "if redis.call('GET', KEYS[1]) == '' then return redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return 0";

/**
 * Dedupe of WeChat's retries across a cluster: a retry may land on any instance, so the claim must be shared.
 * `claim` is `SET <prefix>dedupe:<key> "" NX PX lease` — exactly one instance wins, and if it dies before
 * recording an answer the key expires with the lease, so a later retry claims it again; `setResult` overwrites the
 * value with the answer for the retention time, which the retries read. Keys already carry the AppID
 * (`<appId>:<message key>`); a longer key than 200 characters is stored as its SHA-256.
 * Redis unreachable: operations fail fast with `WechatStoreUnavailableError`, logged once per outage.
 */
export class RedisDedupeStore implements DedupeStore, OnModuleDestroy {
  private readonly redis: RedisConnection;

  constructor(options: RedisDedupeStoreOptions) {
    this.redis = new RedisConnection('dedupe', options);
  }

  /** The Redis key of a dedupe key. */
  keyOf(key: string): string {
    const bounded = key.length <= MAX_KEY_LENGTH ? key : `h:${hash('sha256', key, 'base64url')}`;
    return `${this.redis.keyPrefix}dedupe:${bounded}`;
  }

  async claim(key: string, leaseSeconds: number): Promise<boolean> {
    const answer = await this.redis.run('SET NX', (c) => c.set(this.keyOf(key), PENDING, 'PX', Math.ceil(leaseSeconds * 1000), 'NX'));
    return answer === 'OK';
  }

  async renew(key: string, leaseSeconds: number): Promise<void> {
    await this.redis.run('EVAL', (c) => c.eval(RENEW, 1, this.keyOf(key), String(Math.ceil(leaseSeconds * 1000))));
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
