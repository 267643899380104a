/** Texts of the Redis stores' errors and log lines, in one place. None holds a key's value, a token or a password. */
export const REDIS_STORE_MESSAGES = {
  clientOrConnection: 'pass exactly one of `client` (an ioredis client you own) or `connection` (a URL or ioredis options)',
  ioredisMissing: 'the Redis stores need the "ioredis" package: npm install ioredis',
  unreachable: (store: string, operation: string, detail: string) =>
    `nestjs-wechat-mp: the Redis ${store} store is unavailable (${operation}: ${detail})`,
  timedOut: (ms: number) => `no answer within ${ms} ms`,
  outage: (message: string) =>
    `${message}. Calls that need it fail with WECHAT_STORE_UNAVAILABLE until it is back (logged once per outage).`,
  recovered: (store: string) => `Redis ${store} store reachable again`,
  lockWaitTimeout: (appId: string, ms: number) =>
    `nestjs-wechat-mp: waited ${ms} ms for another process to refresh the access token of ${appId}; ` +
    `the refresh lock is still held (is a process stuck, or lockTtlMs too long?)`,
  releaseFailed: (appId: string, detail: string) =>
    `Could not release the token refresh lock of ${appId} (${detail}); it expires by its TTL`,
  corruptToken: (appId: string) => `Ignoring an unreadable access token entry for ${appId} in Redis; a new token will be fetched`,
} as const;
