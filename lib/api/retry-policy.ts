import { WechatApiError } from '../errors/wechat-api.error.js';
import { WechatTransportError } from '../errors/wechat-transport.error.js';
import { BUSY_ERRCODE } from './wechat-errcodes.js';
import type { EndpointRow } from './endpoint.js';

/** Bounded exponential backoff: `attempts` tries in all, waits `baseDelayMs × 2^(n-1)` (with jitter), capped. */
export interface RetryOptions {
  /** Tries in all, the first included. Default 3; 1 turns retries off. */
  attempts: number;
  /** Wait before the second try. Default 100 ms. */
  baseDelayMs: number;
  /** Longest wait between tries. Default 2000 ms. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 3, baseDelayMs: 100, maxDelayMs: 2_000 };

/** Wait after failed try number `attempt` (1-based): between half and all of the capped exponential step. */
export function backoffDelayMs(attempt: number, options: RetryOptions, random: () => number = Math.random): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * Whether a failed try may be repeated. Anything that certainly never reached WeChat (connection refused, DNS)
 * may be repeated for every endpoint. Beyond that only `read` endpoints repeat, on what is likely transient:
 * timeouts, broken connections, HTTP 5xx and errcode -1 (system busy). Token errors are handled apart
 * (refresh, then one more try) by the client.
 */
export function isRepeatable(endpoint: Pick<EndpointRow, 'kind'>, error: unknown): boolean {
  if (error instanceof WechatTransportError) {
    if (!error.mayHaveReachedServer) return true;
    if (endpoint.kind !== 'read') return false;
    if (error.reason === 'timeout' || error.reason === 'network') return true;
    return error.reason === 'http_status' && (error.status ?? 0) >= 500;
  }
  if (error instanceof WechatApiError) return endpoint.kind === 'read' && error.errcode === BUSY_ERRCODE;
  return false;
}
