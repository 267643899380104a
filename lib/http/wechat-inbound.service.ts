import { Injectable, Logger, type HttpException } from '@nestjs/common';
import { describeError as describe } from '../errors/describe-error.js';
import { WechatInboundError } from '../errors/wechat-inbound.error.js';
import { normalizeHandlerResult } from '../handlers/handler-result.normalizer.js';
import { WechatInboundPipeline } from '../inbound/inbound.pipeline.js';
import type { HandlerResult, Reply } from '../message/reply.js';
import {
  CallbackProtocol,
  SUCCESS_REPLY,
  type AccountRuntime,
  type OpenedCallback,
  type SealedReply,
  type VerifiedPost,
  type VerifiedQuery,
} from '../protocol/callback-protocol.js';
import type { QueryLike } from '../protocol/query.js';
import { WechatAccounts } from '../wechat-accounts.js';
import { REQUEST_KEYS } from '../wechat-mp.constants.js';
import { queryOf, type HttpRequestLike } from './http-request.js';
import { toHttpException } from './inbound-http-exception.js';
import { bodyAlreadyRead, readRawBody } from './raw-body.reader.js';

export { SUCCESS_REPLY, type AccountRuntime, type OpenedCallback, type SealedReply };

/**
 * The HTTP adapter of the callback protocol (`CallbackProtocol`, framework-free): takes the account, query,
 * content type and body from an Express or Fastify request, runs verify / open / seal once per request, and turns
 * refusals into logged `HttpException`s. The built-in controller, the guard and the interceptor are thin wrappers
 * around it.
 */
@Injectable()
export class WechatInboundService {
  private readonly logger = new Logger('WechatInbound');
  private readonly protocol: CallbackProtocol;

  constructor(
    accounts: WechatAccounts,
    private readonly pipeline: WechatInboundPipeline,
  ) {
    this.protocol = new CallbackProtocol(accounts.all);
  }

  /** The account a request is addressed to: the `:account` route parameter (name or AppID), else the default. */
  runtimeFor(req: HttpRequestLike): AccountRuntime {
    return this.protocol.runtimeFor(req.params?.account);
  }

  /**
   * The refusal for a POST to the callback route of `accountKey` (name or AppID; undefined = the default account)
   * whose query lacks a valid `signature` or timestamp, already logged; null when it is signed. Lets the HTTP
   * adapters refuse unsigned callbacks before reading a byte of their body.
   */
  refuseUnsigned(accountKey: string | undefined, query: QueryLike, method = 'POST', req?: Record<string, unknown>): HttpException | null {
    try {
      const verified = this.protocol.verifyQuery(this.protocol.runtimeFor(accountKey), query);
      // Kept on the request: the route reuses it instead of computing the signature again.
      if (req) req[REQUEST_KEYS.verifiedQuery] = verified;
      return null;
    } catch (error) {
      if (!(error instanceof WechatInboundError)) throw error;
      this.logRefusal(error, { method, headers: {}, params: { account: accountKey } });
      return toHttpException(error);
    }
  }

  /** GET handshake (接入验证): the echostr to return verbatim, once the signature and timestamp check out. */
  verifyHandshake(req: HttpRequestLike): string {
    return this.protocol.verifyHandshake(this.runtimeFor(req), queryOf(req));
  }

  /** Verifies and opens a POST callback; memoized on the request so guard and interceptor share one result. */
  open(req: HttpRequestLike): Promise<OpenedCallback> {
    const memo = req[REQUEST_KEYS.inbound] as Promise<OpenedCallback> | undefined;
    if (memo) return memo;
    const opening = this.doOpen(req);
    req[REQUEST_KEYS.inbound] = opening;
    // The promise is stored; mark rejections handled here so only the awaiting caller reports them.
    opening.catch(() => undefined);
    return opening;
  }

  /**
   * `open(req)` for the HTTP layer: a refusal is logged once (`logRefusal`) and becomes the `HttpException` with the
   * reason's status; any other error passes through.
   */
  async openOrRefuse(req: HttpRequestLike): Promise<OpenedCallback> {
    try {
      return await this.open(req);
    } catch (error) {
      throw this.refusal(error, req);
    }
  }

  /**
   * `openOrRefuse` for the built-in route, which nothing else shares a request with: no memo, and when the capture
   * layer already holds the body, no promise either (the callback is opened synchronously).
   */
  openOnce(req: HttpRequestLike): OpenedCallback | Promise<OpenedCallback> {
    try {
      const opening = this.openNowOrLater(req);
      return opening instanceof Promise ? opening.catch((error: unknown) => Promise.reject(this.refusal(error, req))) : opening;
    } catch (error) {
      throw this.refusal(error, req);
    }
  }

  /** `verifyHandshake(req)` for the HTTP layer, refusing like `openOrRefuse`. */
  handshakeOrRefuse(req: HttpRequestLike): string {
    try {
      return this.verifyHandshake(req);
    } catch (error) {
      throw this.refusal(error, req);
    }
  }

  /**
   * Runs the app's handlers for an opened callback: dedupe of WeChat's retries (and replays), the reply deadline,
   * dispatch to the `@OnText()`… handler that claims it, late replies. Resolves to the passive reply (null: none),
   * which a route of your own returns for `WechatXmlInterceptor` to seal.
   */
  handle(opened: OpenedCallback): Promise<Reply | null> {
    return this.pipeline.process(opened);
  }

  /**
   * The answer to a verified callback: what `handle` produces (a `Reply`, a string for a text reply, or nothing for
   * `success`), sealed. A failure after verification is logged and answered with `success`: a 5xx would make WeChat
   * retry and show users "该公众号暂时无法提供服务".
   */
  answer(opened: OpenedCallback, handle: () => Promise<HandlerResult>): Promise<SealedReply> {
    const sealOrSucceed = (result: HandlerResult): SealedReply => {
      try {
        const normalized = normalizeHandlerResult(result);
        if (!normalized.ok) throw new TypeError(`the route returned ${normalized.what}, not a reply`);
        return this.seal(opened, normalized.reply);
      } catch (error) {
        return this.failed(error);
      }
    };
    // `then` rather than async/await: one promise less on every callback.
    try {
      return handle().then(sealOrSucceed, (error: unknown) => this.failed(error));
    } catch (error) {
      return Promise.resolve(this.failed(error));
    }
  }

  private failed(error: unknown): SealedReply {
    this.logger.error(`Callback handling failed; answered "success": ${JSON.stringify(describe(error))}`, error instanceof Error ? error.stack : undefined);
    return SUCCESS_REPLY;
  }

  /** Serializes a reply for WeChat, encrypting it exactly when the request was encrypted. */
  seal(opened: OpenedCallback, reply: Reply | null): SealedReply {
    return this.protocol.seal(opened, reply);
  }

  /** Logs a refusal once, with its reason and no secret, so operators can tell a misconfiguration from an attack. */
  logRefusal(error: WechatInboundError, req: HttpRequestLike): void {
    // The account path segment is the sender's choice: quoted by JSON.stringify so it cannot forge log lines.
    const account = typeof req.params?.account === 'string' ? req.params.account.slice(0, 64) : this.protocol.defaultRuntime.ref.name;
    const cause = error.cause instanceof WechatInboundError ? `; cause: ${error.cause.reason} (${error.cause.message})` : '';
    this.logger.warn(`Refused ${req.method ?? ''} callback for account ${JSON.stringify(account)}: ${error.reason} (${error.message})${cause}`);
  }

  private refusal(error: unknown, req: HttpRequestLike): unknown {
    if (!(error instanceof WechatInboundError)) return error;
    this.logRefusal(error, req);
    return toHttpException(error);
  }

  /** `openNowOrLater` as a promise: a refusal thrown at once becomes a rejection of the memoized promise. */
  private async doOpen(req: HttpRequestLike): Promise<OpenedCallback> {
    return this.openNowOrLater(req);
  }

  /** Verifies and opens a POST: at once when the body was already read, after reading it otherwise. */
  private openNowOrLater(req: HttpRequestLike): OpenedCallback | Promise<OpenedCallback> {
    const post = this.verifyPostOf(req);
    const limit = post.runtime.account.bodyLimitBytes;
    const raw = bodyAlreadyRead(req, limit);
    if (raw !== undefined) return this.protocol.open(post, raw);
    return readRawBody(req, limit).then((body) => this.protocol.open(post, body));
  }

  private verifyPostOf(req: HttpRequestLike): VerifiedPost {
    const checked = req[REQUEST_KEYS.verifiedQuery] as VerifiedQuery | undefined;
    return this.protocol.verifyPost(this.runtimeFor(req), queryOf(req), req.headers['content-type'], checked);
  }
}
