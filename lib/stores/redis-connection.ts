import { Logger } from '@nestjs/common';
import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { WechatConfigError } from '../errors/wechat-config.error.js';
import { WechatStoreUnavailableError, type StoreFailure } from '../errors/wechat-store-unavailable.error.js';
import { REDIS_STORE_MESSAGES as MESSAGES } from './redis-store.messages.js';

/** A standalone or cluster ioredis client. */
export type RedisClient = Redis | Cluster;

/** How a Redis store reaches Redis. */
export interface RedisStoreOptions {
  /** An ioredis client (standalone or cluster) you own: the store never closes it. */
  client?: RedisClient;
  /**
   * Or where to connect (`redis://user:pass@host:6379/0` or ioredis options): the store creates its own client on
   * first use and closes it in `close()` / `onModuleDestroy()`.
   */
  connection?: string | RedisOptions;
  /** Prefix of every key. Default `wechat-mp:`. */
  keyPrefix?: string;
  /**
   * A command with no answer after this many milliseconds fails with `WECHAT_STORE_UNAVAILABLE` instead of waiting
   * for a reconnect. Default 1000.
   */
  commandTimeoutMs?: number;
}

export const REDIS_STORE_DEFAULTS = {
  keyPrefix: 'wechat-mp:',
  commandTimeoutMs: 1000,
} as const;

/**
 * Options of a client the store creates: fail queued commands after one reconnect attempt (and keep reconnecting),
 * and on close do not keep a half-open socket (and a 2 s timer) around.
 */
const OWNED_CLIENT_DEFAULTS: RedisOptions = { maxRetriesPerRequest: 1, connectTimeout: 5000, disconnectTimeout: 200 };

/**
 * One store's access to Redis: creates (or borrows) the client, bounds every command by `commandTimeoutMs`, turns
 * every failure into `WechatStoreUnavailableError`, and logs an outage once (and its end once) rather than once per
 * command. It never falls back to local state: callers get the typed error.
 */
export class RedisConnection {
  readonly keyPrefix: string;
  private readonly logger: Logger;
  private readonly timeoutMs: number;
  private readonly connection: string | RedisOptions | undefined;
  private client: Promise<RedisClient> | undefined;
  private down = false;

  constructor(
    private readonly store: string,
    options: RedisStoreOptions,
  ) {
    if (!options || (options.client === undefined) === (options.connection === undefined)) {
      throw new WechatConfigError(`Redis${store[0].toUpperCase()}${store.slice(1)}Store`, MESSAGES.clientOrConnection);
    }
    this.keyPrefix = options.keyPrefix ?? REDIS_STORE_DEFAULTS.keyPrefix;
    this.timeoutMs = options.commandTimeoutMs ?? REDIS_STORE_DEFAULTS.commandTimeoutMs;
    if (!Number.isInteger(this.timeoutMs) || this.timeoutMs < 1) {
      throw new WechatConfigError('commandTimeoutMs', 'must be a positive integer (milliseconds)');
    }
    this.logger = new Logger(`WechatRedis${store[0].toUpperCase()}${store.slice(1)}Store`);
    this.connection = options.connection;
    if (options.client) this.client = Promise.resolve(options.client);
  }

  /** Runs one Redis command (or script) with the timeout; failures become `WechatStoreUnavailableError`. */
  async run<T>(operation: string, command: (client: RedisClient) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const client = await this.clientPromise();
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CommandTimeout()), this.timeoutMs);
      });
      const result = await Promise.race([command(client), timeout]);
      this.markUp();
      return result;
    } catch (error) {
      const failure = this.toStoreError(operation, error);
      this.markDown(failure);
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes the client if the store created it; a client passed in is left alone. */
  async close(): Promise<void> {
    if (this.connection === undefined || !this.client) return;
    const pending = this.client;
    this.client = undefined;
    const client = await pending.catch(() => undefined);
    if (!client) return;
    // QUIT lets pending replies arrive; while reconnecting there are none, and only disconnect() stops the retries.
    if (client.status !== 'ready') {
      client.disconnect();
      return;
    }
    try {
      await client.quit();
    } catch {
      client.disconnect();
    }
  }

  warn(message: string): void {
    this.logger.warn(message);
  }

  private clientPromise(): Promise<RedisClient> {
    this.client ??= this.createClient();
    return this.client;
  }

  private async createClient(): Promise<RedisClient> {
    let Redis: typeof import('ioredis').Redis;
    try {
      ({ Redis } = await import('ioredis'));
    } catch {
      this.client = undefined;
      throw new WechatConfigError('connection', MESSAGES.ioredisMissing);
    }
    const connection = this.connection!;
    const client =
      typeof connection === 'string' ? new Redis(connection, OWNED_CLIENT_DEFAULTS) : new Redis({ ...OWNED_CLIENT_DEFAULTS, ...connection });
    // Without a listener ioredis prints every reconnect failure; route them into the once-per-outage log.
    client.on('error', (error: unknown) => this.markDown(this.toStoreError('connection', error)));
    return client;
  }

  private toStoreError(operation: string, error: unknown): WechatStoreUnavailableError | WechatConfigError {
    if (error instanceof WechatStoreUnavailableError || error instanceof WechatConfigError) return error;
    const reason: StoreFailure = error instanceof CommandTimeout ? 'command_timeout' : 'command_failed';
    // Only the message and code: ioredis errors carry the command's arguments (token values) in `command`.
    const detail = error instanceof CommandTimeout ? MESSAGES.timedOut(this.timeoutMs) : describe(error);
    return new WechatStoreUnavailableError(this.store, operation, reason, MESSAGES.unreachable(this.store, operation, detail));
  }

  private markDown(error: WechatStoreUnavailableError | WechatConfigError): void {
    if (this.down || !(error instanceof WechatStoreUnavailableError)) return;
    this.down = true;
    this.logger.error(MESSAGES.outage(error.message));
  }

  private markUp(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.log(MESSAGES.recovered(this.store));
  }
}

class CommandTimeout extends Error {}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return `non-Error value of type ${typeof error}`;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}
