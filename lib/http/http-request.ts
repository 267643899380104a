import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { QueryLike } from '../protocol/query.js';
import { REQUEST_KEYS } from '../wechat-mp.constants.js';

/**
 * The parts of an Express or Fastify request the inbound path reads. Express passes the Node request itself;
 * Fastify wraps it (`raw`). Results are memoized on this object, which both the guard and the interceptor see.
 */
export interface HttpRequestLike {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
  query?: Record<string, unknown>;
  params?: Record<string, string | undefined>;
  body?: unknown;
  rawBody?: Buffer;
  raw?: IncomingMessage;
  [key: string]: unknown;
}

/** The Node stream a request body is read from. */
export function nodeRequestOf(req: HttpRequestLike): IncomingMessage {
  return (req.raw ?? req) as IncomingMessage;
}

const NO_QUERY: QueryLike = Object.freeze({});

/**
 * The request's query, parsed once per request: Express 5's `req.query` is a getter that parses the query string
 * again on every access (the second parse showed in CPU profiles of the Express benchmark), and the capture layer
 * and the route both need it.
 */
export function queryOf(req: HttpRequestLike): QueryLike {
  const memo = req[REQUEST_KEYS.query] as QueryLike | undefined;
  if (memo !== undefined) return memo;
  const query = req.query ?? NO_QUERY;
  req[REQUEST_KEYS.query] = query;
  return query;
}
