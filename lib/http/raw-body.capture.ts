import { Injectable, Logger, type HttpException, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { WechatInboundError } from '../errors/wechat-inbound.error.js';
import { WechatAccounts } from '../wechat-accounts.js';
import { DEFAULTS, REQUEST_KEYS } from '../wechat-mp.constants.js';
import { INBOUND_MESSAGES } from '../protocol/inbound.messages.js';
import { toHttpException } from './inbound-http-exception.js';
import { readStream } from './raw-body.reader.js';
import { queryOf, type HttpRequestLike } from './http-request.js';
import { mediaTypeOf } from '../protocol/query.js';
import { WechatInboundService } from './wechat-inbound.service.js';

/** Names Express/Nest give body-parser layers; ours must run before the first of them. */
const PARSER_LAYER_NAMES = new Set(['jsonParser', 'urlencodedParser', 'textParser', 'rawParser']);

interface ExpressLayer {
  name?: string;
  handle?: { name?: string };
}
interface ExpressLikeApp {
  use(fn: (req: IncomingMessage & { path?: string }, res: ServerResponse, next: () => void) => void): void;
  router?: { stack: ExpressLayer[] };
  _router?: { stack: ExpressLayer[] };
}
interface FastifyReplyLike {
  header(name: string, value: string): unknown;
}
interface FastifyLikeApp {
  hasContentTypeParser(type: string): boolean;
  addContentTypeParser(
    type: string[],
    options: { parseAs: 'string' | 'buffer'; bodyLimit: number },
    parser: (req: unknown, body: string | Buffer, done: (err: Error | null, body?: unknown) => void) => void,
  ): void;
  addHook(
    name: 'preParsing',
    hook: (
      req: { url: string; method: string; raw: IncomingMessage },
      reply: FastifyReplyLike,
      payload: NodeJS.ReadableStream,
      done: (error: Error | null, payload?: NodeJS.ReadableStream) => void,
    ) => void,
  ): void;
}

/** Where a POST is addressed, when its path is one of the built-in callback routes. */
interface CallbackTarget {
  /** Account name; undefined = the default account. */
  readonly account: string | undefined;
  readonly limit: number;
}

/**
 * Keeps the callback body raw on the built-in controller's routes, whatever body parsers the app has: a plain
 * `NestFactory.create(AppModule)` parses JSON before any route sees it (losing MsgId precision beyond 2^53), and
 * Fastify refuses XML outright. And refuses an unsigned callback before a single byte of its body is read.
 *
 * The routes are recognized by their tail, `…/<path>` and (several accounts) `…/<path>/<name or AppID>`, so they
 * are found under a global prefix, URI versioning (`/v1/…`) and RouterModule paths alike.
 * Express: a layer inserted just before the first body-parser layer reads the body (with the size limit and read
 * timeout) for these paths only; body-parser then sees a finished request and skips it. Fastify: an XML
 * content-type parser that keeps the raw bytes on these paths, and a preParsing hook that applies the limit and
 * reads the bytes itself when that parser is not the one to run (JSON, another app parser, no Content-Length).
 */
@Injectable()
export class WechatRawBodyCapture implements OnModuleInit {
  private readonly logger = new Logger('WechatInbound');
  /** The route path's last segment(s), lower case, without slashes (`wechat`, `hooks/wx`). */
  private readonly base: string;
  private readonly defaultTarget: CallbackTarget;
  /** Lower-cased account name or AppID → target; empty with a single account (no `/:account` route then). */
  private readonly byAccountKey = new Map<string, CallbackTarget>();

  constructor(
    basePath: string,
    private readonly accounts: WechatAccounts,
    private readonly adapterHost: HttpAdapterHost,
    private readonly inbound: WechatInboundService,
  ) {
    this.base = trimSlashes(basePath).toLowerCase();
    this.defaultTarget = { account: undefined, limit: accounts.default.bodyLimitBytes };
    if (accounts.all.length > 1) {
      for (const account of accounts.all) {
        const target = { account: account.name, limit: account.bodyLimitBytes };
        this.byAccountKey.set(account.name.toLowerCase(), target);
        this.byAccountKey.set(account.appId.toLowerCase(), target);
      }
    }
  }

  onModuleInit(): void {
    const adapter = this.adapterHost?.httpAdapter;
    if (!adapter) return; // a standalone application context serves no HTTP
    const type = adapter.getType();
    if (type === 'express') this.installExpress(adapter.getInstance() as ExpressLikeApp);
    else if (type === 'fastify') this.installFastify(adapter.getInstance() as FastifyLikeApp);
    else this.logger.warn(`Unknown HTTP adapter ${JSON.stringify(type)}: callback bodies are read from the request stream`);
  }

  /** The callback route a request path addresses (any prefix before it), or undefined. */
  targetOf(path: string): CallbackTarget | undefined {
    let end = path.length;
    if (end > 1 && path.charCodeAt(end - 1) === 0x2f) end--;
    const lower = (end === path.length ? path : path.slice(0, end)).toLowerCase();
    if (this.endsWithBase(lower, lower.length)) return this.defaultTarget;
    if (this.byAccountKey.size === 0) return undefined;
    const slash = lower.lastIndexOf('/');
    if (slash <= 0 || !this.endsWithBase(lower, slash)) return undefined;
    return this.byAccountKey.get(lower.slice(slash + 1));
  }

  /** Whether `path[0, end)` ends with `/<base>`. */
  private endsWithBase(path: string, end: number): boolean {
    const at = end - this.base.length;
    return at >= 1 && path.charCodeAt(at - 1) === 0x2f && path.startsWith(this.base, at);
  }

  /** `limitFor(path)`: the body limit on a callback route, undefined elsewhere (kept for the bench and tests). */
  limitFor(path: string): number | undefined {
    return this.targetOf(path)?.limit;
  }

  private installExpress(app: ExpressLikeApp): void {
    const capture = (req: IncomingMessage & { path?: string; query?: unknown }, res: ServerResponse, next: () => void) => {
      const target = req.method === 'POST' ? this.targetOf(req.path ?? pathOf(req.url)) : undefined;
      if (target === undefined) return next();
      // An unsigned request is answered now, its body unread (no parser after us may read it either).
      const refusal = this.inbound.refuseUnsigned(target.account, queryOf(req as unknown as HttpRequestLike), req.method, req as never);
      if (refusal) return answerNow(res, refusal, false);
      const target$ = req as unknown as Record<string, unknown>;
      const limit = target.limit;
      readStream(req, limit, Number(req.headers['content-length'])).then(
        (body) => {
          target$[REQUEST_KEYS.rawBody] = body;
          next();
        },
        (error: unknown) => {
          if (error instanceof WechatInboundError && (error.reason === 'body_too_large' || error.reason === 'body_timeout')) {
            // Answer now: letting the request continue would hand a half-read stream to the body parsers.
            this.logger.warn(`Refused POST callback at ${JSON.stringify(pathOf(req.url))}: ${error.reason} (${error.message})`);
            if (error.reason === 'body_timeout') return answerNow(res, toHttpException(error), false);
            void drainRest(req, Number(req.headers['content-length']), limit).then((complete) => {
              if (complete === null) return;
              answerNow(res, toHttpException(error), complete);
            });
            return;
          }
          target$[REQUEST_KEYS.bodyError] = error;
          next();
        },
      );
    };
    Object.defineProperty(capture, 'name', { value: 'wechatRawBody' });
    app.use(capture);
    const stack = (app.router ?? app._router)?.stack;
    if (!stack) return;
    const layer = stack.pop()!;
    const firstParser = stack.findIndex((l) => PARSER_LAYER_NAMES.has(l.name ?? l.handle?.name ?? ''));
    stack.splice(firstParser === -1 ? stack.length : firstParser, 0, layer);
  }

  private installFastify(app: FastifyLikeApp): void {
    const ours = new Set(['text/xml', 'application/xml'].filter((type) => !app.hasContentTypeParser(type)));
    const maxLimit = Math.max(...this.accounts.all.map((a) => a.bodyLimitBytes));
    if (ours.size > 0) {
      app.addContentTypeParser([...ours], { parseAs: 'buffer', bodyLimit: maxLimit }, (req, body, done) => {
        const target = req as Record<string | symbol, unknown>;
        const timer = target[CAPTURE_IN_PARSER] as NodeJS.Timeout | undefined;
        if (timer === undefined) return done(null, (body as Buffer).toString('utf8'));
        // A callback route's bytes, kept as read (no copy, no text the route would not use).
        clearTimeout(timer);
        target[REQUEST_KEYS.rawBody] = body;
        done(null, body);
      });
    }
    // Callback style, not async: this runs for every callback, and a promise per request is measurable there.
    app.addHook('preParsing', (req, reply, payload, done) => {
      const target = req.method === 'POST' ? this.targetOf(pathOf(req.url)) : undefined;
      if (target === undefined) return done(null, payload);
      // An unsigned request is refused before its body is read; the connection closes with the answer.
      const refusal = this.inbound.refuseUnsigned(target.account, queryOf(req as unknown as HttpRequestLike), req.method, req as never);
      if (refusal) {
        reply.header('connection', 'close');
        return done(refusal);
      }
      const limit = target.limit;
      const record = req as unknown as Record<string | symbol, unknown>;
      const declared = Number(req.raw.headers['content-length']);
      // Fast path: a declared length within the limit, for a type our own parser reads: the parser keeps the bytes
      // (Fastify enforces the length; a timer bounds the read, cleared by the parser). Otherwise the body is read
      // here and handed on as a new stream.
      if (declared <= limit && ours.has(mediaTypeOf(req.raw.headers['content-type']))) {
        if (declared === 0) record[REQUEST_KEYS.rawBody] = EMPTY;
        else record[CAPTURE_IN_PARSER] = boundRead(payload as Readable, req.raw, reply);
        return done(null, payload);
      }
      readStream(payload as Readable, limit, declared).then(
        (body) => {
          record[REQUEST_KEYS.rawBody] = body;
          done(null, Readable.from([body]));
        },
        async (error: unknown) => {
          if (error instanceof WechatInboundError && (error.reason === 'body_too_large' || error.reason === 'body_timeout')) {
            this.logger.warn(`Refused POST callback at ${JSON.stringify(pathOf(req.url))}: ${error.reason} (${error.message})`);
            if (error.reason === 'body_timeout' || !(await drainRest(payload as Readable, declared, limit))) reply.header('connection', 'close');
            // An HttpException passes Nest's Fastify error handler as is: the same body as on Express.
            return done(toHttpException(error));
          }
          record[REQUEST_KEYS.bodyError] = error;
          done(null, Readable.from([]));
        },
      );
    });
  }
}

/** Writes a refusal at once (Express, before any route): the same JSON body Nest's exception handler writes. */
function answerNow(res: ServerResponse, exception: HttpException, keepAlive: boolean): void {
  if (res.headersSent) return;
  res.statusCode = exception.getStatus();
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  // The body was not (fully) read: the connection cannot carry another request.
  if (!keepAlive) res.setHeader('Connection', 'close');
  res.end(JSON.stringify(exception.getResponse()));
}

/**
 * Bounds a body read that Fastify's own parser does (the fast path): a sender that stops short of its
 * Content-Length gets 408 and a closed connection after `DEFAULTS.bodyReadTimeoutMs`. Returns the timer, which
 * the parser clears once the body is in (a request that fails otherwise finds `complete` or a destroyed stream).
 */
function boundRead(payload: Readable, raw: IncomingMessage, reply: FastifyReplyLike): NodeJS.Timeout {
  return setTimeout(() => {
    if (raw.complete || payload.destroyed) return;
    reply.header('connection', 'close');
    const error = new WechatInboundError('body_timeout', INBOUND_MESSAGES.bodyTimeout(DEFAULTS.bodyReadTimeoutMs));
    // Fastify answers a failed body stream with the error's statusCode.
    payload.destroy(Object.assign(toHttpException(error), { statusCode: error.status }));
  }, DEFAULTS.bodyReadTimeoutMs).unref();
}

/**
 * Before answering an oversized upload, reads and discards the rest of it, up to `maxBytes` more: answering (and so
 * closing) while the client is still sending makes its TCP stack reset the connection, which can discard the 413
 * before the client reads it (nginx's "lingering close" exists for the same reason). Resolves `true` when the body
 * ended within the allowance (the connection stays healthy), `false` when the allowance or `LINGER_MS` ran out or
 * the declared length exceeds it (answer with `Connection: close`), `null` when the client went away.
 */
function drainRest(stream: Readable, declaredLength: number, maxBytes: number): Promise<boolean | null> {
  if ((stream as Partial<IncomingMessage>).complete || stream.readableEnded) return Promise.resolve(true);
  // The declared length says the rest will not fit the allowance (limit + maxBytes read in all): answer now.
  if (declaredLength >= 2 * maxBytes) return Promise.resolve(false);
  return new Promise((resolve) => {
    let drained = 0;
    const finish = (outcome: boolean | null) => {
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('aborted', onAborted);
      stream.off('error', onAborted);
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > maxBytes) finish(false);
    };
    const onEnd = () => finish(true);
    const onAborted = () => finish(null);
    // A client that stops sending short of its Content-Length is not waited for.
    const timer = setTimeout(() => finish(false), LINGER_MS);
    timer.unref();
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('aborted', onAborted);
    stream.on('error', onAborted);
    stream.resume();
  });
}

const LINGER_MS = 5_000;
const CAPTURE_IN_PARSER = Symbol('wechat-mp:capture-in-parser');
const EMPTY = Buffer.alloc(0);

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}

function pathOf(url: string | undefined): string {
  if (!url) return '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}
