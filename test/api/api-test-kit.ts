import { Logger, type LoggerService } from '@nestjs/common';
import axios from 'axios';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WechatApiClient, type WechatApiClientOptions } from '../../lib/api/wechat-api.client.js';
import { MemoryTokenStore } from '../../lib/stores/memory-token.store.js';
import type { TokenStore } from '../../lib/stores/token-store.interface.js';
import type { ResolvedAccount } from '../../lib/wechat-accounts.js';

/** Test credentials: never real ones. */
export const APP = { appId: 'wx00000000000000a1', appSecret: 'app-secret-for-tests-only-0001' } as const;

/** Fast backoff so retry tests take milliseconds. */
export const FAST_RETRY = { attempts: 3, baseDelayMs: 2, maxDelayMs: 10 } as const;

export function accountFor(apiBaseUrl: string, overrides: Partial<ResolvedAccount> = {}): ResolvedAccount {
  return {
    name: 'default',
    appId: APP.appId,
    appSecret: APP.appSecret,
    token: 'callbacktoken',
    requireEncryption: false,
    maxTimestampSkewSeconds: 300,
    bodyLimitBytes: 1024 * 1024,
    apiBaseUrl,
    apiTimeoutMs: 2_000,
    tokenEndpoint: 'stable',
    replyDeadlineMs: 4_000,
    ...overrides,
  };
}

export function newClient(
  apiBaseUrl: string,
  options: { account?: Partial<ResolvedAccount>; client?: WechatApiClientOptions; store?: TokenStore } = {},
): { client: WechatApiClient; store: TokenStore; sent: string[] } {
  const store = options.store ?? new MemoryTokenStore();
  // Every request the client puts on the wire, as "METHOD path", seen from the client side.
  const sent: string[] = [];
  const instance = axios.create();
  instance.interceptors.request.use((config) => {
    sent.push(`${config.method?.toUpperCase()} ${new URL(config.url ?? '', 'http://x').pathname}`);
    return config;
  });
  const client = new WechatApiClient(accountFor(apiBaseUrl, options.account), instance, store, {
    retry: FAST_RETRY,
    ...options.client,
  });
  return { client, store, sent };
}

/** Every line the Nest logger prints during a test, to check that no secret is ever logged. */
export function captureLogs(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const sink = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  const logger: LoggerService = { log: sink, warn: sink, error: sink, debug: sink, verbose: sink, fatal: sink };
  Logger.overrideLogger(logger);
  return { lines, restore: () => Logger.overrideLogger(['log', 'warn', 'error']) };
}

export type Handler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;

/** A throwaway HTTP server on 127.0.0.1 for client behaviour the emulator has no reason to produce. */
export async function startStub(handler: Handler): Promise<{ url: string; hits: { path: string; query: URLSearchParams; body: Buffer; headers: IncomingMessage['headers'] }[]; stop: () => Promise<void> }> {
  const hits: { path: string; query: URLSearchParams; body: Buffer; headers: IncomingMessage['headers'] }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = Buffer.concat(chunks);
      hits.push({ path: url.pathname, query: url.searchParams, body, headers: req.headers });
      handler(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function json(res: ServerResponse, value: unknown, contentType = 'application/json', status = 200): void {
  res.writeHead(status, { 'Content-Type': contentType });
  res.end(JSON.stringify(value));
}
