import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

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

/** Parsed query parameters, as the adapter gives them. */
export type QueryLike = Readonly<Record<string, unknown>>;
const NO_QUERY: QueryLike = Object.freeze({});

/**
 * The request's query, read once: Express 5's `req.query` is a getter that parses the query string again on every
 * access, and a callback needs up to seven parameters.
 */
export function queryOf(req: HttpRequestLike): QueryLike {
  return req.query ?? NO_QUERY;
}

/** A query parameter, only when it was given exactly once (repeated parameters are refused, not guessed). */
export function singleQueryValue(query: QueryLike, name: string): string | undefined {
  const value = query[name];
  return typeof value === 'string' ? value : undefined;
}

/** The media type of a Content-Type header, lower case, without parameters (`text/xml; charset=utf-8` → `text/xml`). */
export function mediaTypeOf(contentType: string | undefined): string {
  return contentType === undefined ? '' : contentType.split(';', 1)[0]!.trim().toLowerCase();
}
