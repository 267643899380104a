import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { WechatInboundError } from '../errors/wechat-inbound.error.js';
import { WechatAccounts } from '../wechat-accounts.js';
import { REQUEST_KEYS } from '../wechat-mp.constants.js';
import { toHttpException } from './inbound-http-exception.js';
import { readStream } from './raw-body.reader.js';
import { mediaTypeOf, queryOf, type HttpRequestLike } from './http-request.js';
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
    hook: (req: { url: string; method: string; raw: IncomingMessage }, reply: FastifyReplyLike, payload: NodeJS.ReadableStream) => Promise<NodeJS.ReadableStream>,
  ): void;
}

/**
 * Keeps the callback body raw on the built-in controller's routes, whatever body parsers the app has: a plain
 * `NestFactory.create(AppModule)` parses JSON before any route sees it (losing MsgId precision beyond 2^53), and
 * Fastify refuses XML outright. Express: a layer inserted just before the first body-parser layer reads the body
 * (with the size limit) for these paths only; body-parser then sees a finished request and skips it. Fastify: an
 * XML content-type parser that keeps the raw bytes on these paths, and a preParsing hook that applies the limit
 * and reads the bytes itself when that parser is not the one to run (JSON, another app parser, no Content-Length).
 */
@Injectable()
export class WechatRawBodyCapture implements OnModuleInit {
  private readonly logger = new Logger('WechatInbound');
  /** Lower-cased route path → body limit of the account served there. */
  private readonly limits = new Map<string, number>();

  /** Lower-cased route path → the account served there (name; undefined = default), for the signature pre-check. */
  private readonly accountByPath = new Map<string, string | undefined>();

  constructor(
    private readonly basePath: string,
    private readonly accounts: WechatAccounts,
    private readonly adapterHost: HttpAdapterHost,
    private readonly appConfig: ApplicationConfig,
    private readonly inbound: WechatInboundService,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost?.httpAdapter;
    if (!adapter) return; // a standalone application context serves no HTTP
    this.computePaths();
    const type = adapter.getType();
    if (type === 'express') this.installExpress(adapter.getInstance() as ExpressLikeApp);
    else if (type === 'fastify') this.installFastify(adapter.getInstance() as FastifyLikeApp);
    else this.logger.warn(`Unknown HTTP adapter "${type}": callback bodies are read from the request stream`);
  }

  /** The body limit for a request path, or undefined when the path is not one of our callback routes. */
  limitFor(path: string): number | undefined {
    const normalized = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    return this.limits.get(normalized.toLowerCase());
  }

  private accountFor(path: string): string | undefined {
    const normalized = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    return this.accountByPath.get(normalized.toLowerCase());
  }

  private computePaths(): void {
    const prefix = trimSlashes(this.appConfig.getGlobalPrefix() ?? '');
    const base = trimSlashes(this.basePath);
    const roots = new Set([`/${base}`, prefix ? `/${prefix}/${base}` : `/${base}`]);
    for (const root of roots) {
      const defaultAccount = this.accounts.default;
      this.limits.set(root.toLowerCase(), defaultAccount.bodyLimitBytes);
      this.accountByPath.set(root.toLowerCase(), undefined);
      for (const account of this.accounts.all) {
        for (const key of [account.name, account.appId]) {
          this.limits.set(`${root}/${key}`.toLowerCase(), account.bodyLimitBytes);
          this.accountByPath.set(`${root}/${key}`.toLowerCase(), account.name);
        }
      }
    }
  }

  private installExpress(app: ExpressLikeApp): void {
    const capture = (req: IncomingMessage & { path?: string; query?: unknown }, res: ServerResponse, next: () => void) => {
      const path = req.path ?? pathOf(req.url);
      const limit = req.method === 'POST' ? this.limitFor(path) : undefined;
      if (limit === undefined) return next();
      // Buffer nothing for an unsigned request: the route refuses it (401) before reading its body.
      if (!this.inbound.isSignedCallback(this.accountFor(path), queryOf(req as unknown as HttpRequestLike))) return next();
      const target = req as unknown as Record<string, unknown>;
      readStream(req, limit, Number(req.headers['content-length'])).then(
        (body) => {
          target[REQUEST_KEYS.rawBody] = body;
          next();
        },
        (error: unknown) => {
          if (error instanceof WechatInboundError && error.reason === 'body_too_large') {
            // Answer now: letting the request continue would hand a half-read stream to the body parsers.
            this.logger.warn(`Refused POST callback at ${pathOf(req.url)}: body_too_large (${error.message})`);
            const body = JSON.stringify(toHttpException(error).getResponse());
            void drainRest(req, Number(req.headers['content-length']), limit).then((complete) => {
              if (complete === null) return;
              res.statusCode = 413;
              res.setHeader('Content-Type', 'application/json; charset=utf-8');
              if (!complete) res.setHeader('Connection', 'close');
              res.end(body);
            });
            return;
          }
          target[REQUEST_KEYS.bodyError] = error;
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
        // On a callback route the preParsing hook asked for the bytes: they are kept as read, without a copy.
        const target = req as Record<string | symbol, unknown>;
        if (target[CAPTURE_IN_PARSER]) target[REQUEST_KEYS.rawBody] = body;
        done(null, (body as Buffer).toString('utf8'));
      });
    }
    app.addHook('preParsing', async (req, reply, payload) => {
      const limit = req.method === 'POST' ? this.limitFor(pathOf(req.url)) : undefined;
      if (limit === undefined) return payload;
      const target = req as unknown as Record<string | symbol, unknown>;
      const declared = Number(req.raw.headers['content-length']);
      // Fast path: a declared length within the limit, for a type our own parser reads: the parser keeps the bytes
      // (Fastify enforces the length). Otherwise the body is read here and handed on as a new stream.
      if (declared <= limit && ours.has(mediaTypeOf(req.raw.headers['content-type']))) {
        target[CAPTURE_IN_PARSER] = true;
        if (declared === 0) target[REQUEST_KEYS.rawBody] = EMPTY;
        return payload;
      }
      try {
        const body = await readStream(payload as Readable, limit, declared);
        target[REQUEST_KEYS.rawBody] = body;
        return Readable.from([body]);
      } catch (error) {
        if (error instanceof WechatInboundError && error.reason === 'body_too_large') {
          this.logger.warn(`Refused POST callback at ${pathOf(req.url)}: body_too_large (${error.message})`);
          if (!(await drainRest(payload as Readable, declared, limit))) reply.header('connection', 'close');
          // An HttpException passes Nest's Fastify error handler as is: the same 413 body as on Express.
          throw toHttpException(error);
        }
        target[REQUEST_KEYS.bodyError] = error;
        return Readable.from([]);
      }
    });
  }
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
