import { Injectable, Logger, type HttpException } from '@nestjs/common';
import { computeSignature, signatureMatches } from '../crypto/signature.js';
import type { MessageCrypto } from '../crypto/message-crypto.js';
import { MessageKeyRing } from '../crypto/message-key-ring.js';
import { WechatInboundError } from '../errors/wechat-inbound.error.js';
import type { MessageFormat, WechatInboundContext } from '../handlers/inbound-context.js';
import { parseCallbackJson, parseCallbackXml } from '../message/callback-parser.js';
import type { InboundMessage } from '../message/message-types.js';
import { toInboundMessage } from '../message/message-normalizer.js';
import type { HandlerResult, Reply } from '../message/reply.js';
import {
  renderEncryptedReplyJson,
  renderEncryptedReplyXml,
  renderReplyJson,
  renderReplyXml,
} from '../message/reply-serializer.js';
import { describeError as describe } from '../errors/describe-error.js';
import { normalizeHandlerResult } from '../handlers/handler-result.normalizer.js';
import { WechatAccounts, type ResolvedAccount } from '../wechat-accounts.js';
import { REQUEST_KEYS } from '../wechat-mp.constants.js';
import { mediaTypeOf, queryOf, singleQueryValue, type HttpRequestLike, type QueryLike } from './http-request.js';
import { toHttpException } from './inbound-http-exception.js';
import { INBOUND_MESSAGES } from './inbound.messages.js';
import { readRawBody } from './raw-body.reader.js';

/** One account's inbound state, derived once at bootstrap (the AES keys and IVs live in `keys`). */
export interface AccountRuntime {
  readonly account: ResolvedAccount;
  readonly keys: MessageKeyRing | null;
  readonly ref: { readonly name: string; readonly appId: string };
}

/** A verified, decrypted, parsed callback. */
export interface OpenedCallback {
  readonly runtime: AccountRuntime;
  readonly message: InboundMessage;
  readonly context: WechatInboundContext;
  /** The reply must be encrypted (the request was). */
  readonly encrypted: boolean;
  /** The key that opened the request, which seals its reply (the previous one during a key rotation). */
  readonly crypto: MessageCrypto | null;
  readonly nonce: string;
}

/** An HTTP answer for WeChat. */
export interface SealedReply {
  readonly body: string;
  readonly contentType: string;
}

export const SUCCESS_REPLY: SealedReply = { body: 'success', contentType: 'text/plain; charset=utf-8' };
const UNIX_SECONDS = /^\d{1,12}$/;
const CONTENT_TYPE = { xml: 'application/xml; charset=utf-8', json: 'application/json; charset=utf-8' } as const;

/**
 * The whole inbound protocol, independent of Nest's HTTP plumbing: which account a request is for, its signatures
 * and replay window, reading and opening the body (parse, msg_signature, decrypt, normalize), and sealing a reply.
 * The guard and the interceptor are thin wrappers around it.
 */
@Injectable()
export class WechatInboundService {
  private readonly logger = new Logger('WechatInbound');
  private readonly runtimes = new Map<string, AccountRuntime>();
  private readonly defaultRuntime: AccountRuntime;

  constructor(accounts: WechatAccounts) {
    for (const account of accounts.all) {
      const runtime: AccountRuntime = {
        account,
        keys: account.encodingAESKey ? new MessageKeyRing(account.encodingAESKey, account.appId, account.previousEncodingAESKey) : null,
        ref: Object.freeze({ name: account.name, appId: account.appId }),
      };
      this.runtimes.set(account.name, runtime);
      this.runtimes.set(account.appId, runtime);
    }
    this.defaultRuntime = this.runtimes.get(accounts.default.name)!;
  }

  /** The account a request is addressed to: the `:account` route parameter (name or AppID), else the default. */
  runtimeFor(req: HttpRequestLike): AccountRuntime {
    const key = req.params?.account;
    if (key === undefined || key === '') return this.defaultRuntime;
    const runtime = this.runtimes.get(key);
    if (!runtime) throw new WechatInboundError('account_unknown', INBOUND_MESSAGES.unknownAccount);
    return runtime;
  }

  /**
   * The refusal for a POST to the callback route of `accountKey` (name or AppID; undefined = the default account)
   * whose query lacks a valid `signature` or timestamp, already logged; null when it is signed. Lets the HTTP
   * adapters refuse unsigned callbacks before reading a byte of their body.
   */
  refuseUnsigned(accountKey: string | undefined, query: QueryLike, method = 'POST'): HttpException | null {
    const runtime = accountKey === undefined ? this.defaultRuntime : this.runtimes.get(accountKey);
    try {
      if (!runtime) throw new WechatInboundError('account_unknown', INBOUND_MESSAGES.unknownAccount);
      this.verifyQuery(runtime, query);
      return null;
    } catch (error) {
      if (!(error instanceof WechatInboundError)) throw error;
      this.logRefusal(error, { method, headers: {}, params: { account: accountKey } });
      return toHttpException(error);
    }
  }

  /** GET handshake (接入验证): the echostr to return verbatim, once the signature and timestamp check out. */
  verifyHandshake(req: HttpRequestLike): string {
    const runtime = this.runtimeFor(req);
    const query = queryOf(req);
    this.verifyQuery(runtime, query);
    const echostr = singleQueryValue(query, 'echostr');
    if (echostr === undefined) throw new WechatInboundError('echostr_missing', INBOUND_MESSAGES.echostrMissing);
    return echostr;
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

  /** `verifyHandshake(req)` for the HTTP layer, refusing like `openOrRefuse`. */
  handshakeOrRefuse(req: HttpRequestLike): string {
    try {
      return this.verifyHandshake(req);
    } catch (error) {
      throw this.refusal(error, req);
    }
  }

  /**
   * The answer to a verified callback: what `handle` produces (a `Reply`, a string for a text reply, or nothing for
   * `success`), sealed. A failure after verification is logged and answered with `success`: a 5xx would make WeChat
   * retry and show users "该公众号暂时无法提供服务".
   */
  async answer(opened: OpenedCallback, handle: () => Promise<HandlerResult>): Promise<SealedReply> {
    try {
      const result = normalizeHandlerResult(await handle());
      if (!result.ok) throw new TypeError(`the route returned ${result.what}, not a reply`);
      return this.seal(opened, result.reply);
    } catch (error) {
      this.logger.error(`Callback handling failed; answered "success": ${JSON.stringify(describe(error))}`, error instanceof Error ? error.stack : undefined);
      return SUCCESS_REPLY;
    }
  }

  private refusal(error: unknown, req: HttpRequestLike): unknown {
    if (!(error instanceof WechatInboundError)) return error;
    this.logRefusal(error, req);
    return toHttpException(error);
  }

  /** Serializes a reply for WeChat, encrypting it exactly when the request was encrypted. */
  seal(opened: OpenedCallback, reply: Reply | null): SealedReply {
    if (!reply) return SUCCESS_REPLY;
    const { message, context, runtime } = opened;
    const now = Math.floor(Date.now() / 1000);
    const json = context.format === 'json';
    const plain = json
      ? renderReplyJson(reply, message.FromUserName, message.ToUserName, now)
      : renderReplyXml(reply, message.FromUserName, message.ToUserName, now);
    if (!opened.encrypted) return { body: plain, contentType: CONTENT_TYPE[context.format] };
    const encrypt = opened.crypto!.encrypt(plain);
    const timeStamp = String(now);
    const envelope = {
      encrypt,
      msgSignature: computeSignature([runtime.account.token, timeStamp, opened.nonce, encrypt]),
      timeStamp,
      nonce: opened.nonce,
    };
    return {
      body: json ? renderEncryptedReplyJson(envelope) : renderEncryptedReplyXml(envelope),
      contentType: CONTENT_TYPE[context.format],
    };
  }

  /** Logs a refusal once, with its reason and no secret, so operators can tell a misconfiguration from an attack. */
  logRefusal(error: WechatInboundError, req: HttpRequestLike): void {
    // The account path segment is the sender's choice: quoted by JSON.stringify so it cannot forge log lines.
    const account = typeof req.params?.account === 'string' ? req.params.account.slice(0, 64) : this.defaultRuntime.ref.name;
    const cause = error.cause instanceof WechatInboundError ? `; cause: ${error.cause.reason} (${error.cause.message})` : '';
    this.logger.warn(
      `Refused ${req.method ?? ''} callback for account ${JSON.stringify(account)}: ${error.reason} (${error.message})${cause}`,
    );
  }

  private verifyQuery(runtime: AccountRuntime, query: QueryLike): { timestamp: string; nonce: string } {
    const signature = singleQueryValue(query, 'signature');
    const timestamp = singleQueryValue(query, 'timestamp');
    const nonce = singleQueryValue(query, 'nonce');
    if (signature === undefined || timestamp === undefined || nonce === undefined) {
      throw new WechatInboundError('signature_missing', INBOUND_MESSAGES.signatureMissing);
    }
    if (!signatureMatches(computeSignature([runtime.account.token, timestamp, nonce]), signature)) {
      throw new WechatInboundError('signature_invalid', INBOUND_MESSAGES.signatureInvalid);
    }
    const skew = runtime.account.maxTimestampSkewSeconds;
    if (skew > 0) {
      const seconds = UNIX_SECONDS.test(timestamp) ? Number(timestamp) : NaN;
      if (!(Math.abs(Date.now() / 1000 - seconds) <= skew)) {
        throw new WechatInboundError('timestamp_invalid', INBOUND_MESSAGES.timestampInvalid(skew));
      }
    }
    return { timestamp, nonce };
  }

  private async doOpen(req: HttpRequestLike): Promise<OpenedCallback> {
    const runtime = this.runtimeFor(req);
    const query = queryOf(req);
    const { timestamp, nonce } = this.verifyQuery(runtime, query);
    const encryptType = singleQueryValue(query, 'encrypt_type');
    const encrypted = encryptType === 'aes';
    if (encryptType !== undefined && !encrypted && encryptType !== 'raw') {
      throw new WechatInboundError('encrypt_type_unsupported', INBOUND_MESSAGES.unsupportedEncryptType(encryptType));
    }
    if (!encrypted && runtime.account.requireEncryption) {
      throw new WechatInboundError('encryption_required', INBOUND_MESSAGES.encryptionRequired);
    }
    let msgSignature: string | undefined;
    if (encrypted) {
      msgSignature = singleQueryValue(query, 'msg_signature');
      if (msgSignature === undefined) throw new WechatInboundError('signature_missing', INBOUND_MESSAGES.msgSignatureMissing);
    }
    const format = formatOf(req.headers['content-type']);
    const raw = await readRawBody(req, runtime.account.bodyLimitBytes);
    const fields = parse(raw, format);

    let message: InboundMessage;
    let mode: WechatInboundContext['mode'] = 'plain';
    let crypto: MessageCrypto | null = null;
    if (encrypted) {
      const encrypt = typeof fields.Encrypt === 'string' ? fields.Encrypt.trim() : '';
      if (encrypt === '') throw new WechatInboundError('encrypt_missing', INBOUND_MESSAGES.encryptMissing);
      if (!signatureMatches(computeSignature([runtime.account.token, timestamp, nonce, encrypt]), msgSignature)) {
        throw new WechatInboundError('msg_signature_invalid', INBOUND_MESSAGES.msgSignatureInvalid);
      }
      if (!runtime.keys) throw new WechatInboundError('aes_not_configured', INBOUND_MESSAGES.aesNotConfigured);
      // Compatible mode repeats the fields in plaintext, but only the encrypted copy is covered by msg_signature.
      ({ message, crypto } = openEncrypted(runtime.keys, encrypt, format));
      mode = fields.MsgType === undefined ? 'safe' : 'compatible';
    } else {
      message = toInboundMessage(fields);
      // Every push names both parties; a passive reply swaps them, so without them there is nothing to answer.
      if (!namesParties(message)) throw new WechatInboundError('body_not_a_message', INBOUND_MESSAGES.partiesMissing);
    }
    const openid = singleQueryValue(query, 'openid');
    const context: WechatInboundContext = {
      account: runtime.ref,
      mode,
      format,
      ...(openid !== undefined ? { openid } : {}),
    };
    return { runtime, message, context, encrypted, crypto, nonce };
  }
}

function namesParties(message: InboundMessage): boolean {
  return typeof message.ToUserName === 'string' && typeof message.FromUserName === 'string';
}

/**
 * Decrypts, parses and normalizes an `Encrypt` value. Every failure past `msg_signature` (base64, length,
 * padding, AppID, the decrypted document) is ONE refusal, `decrypt_failed`, with one status and one body: telling
 * them apart would be an oracle for whoever holds the Token but not the key. The reason is the error's `cause`,
 * which only the log shows.
 */
function openEncrypted(keys: MessageKeyRing, encrypt: string, format: MessageFormat): { message: InboundMessage; crypto: MessageCrypto } {
  try {
    const { plaintext, crypto } = keys.open(encrypt);
    const message = toInboundMessage(parse(plaintext, format));
    if (!namesParties(message)) throw new WechatInboundError('body_not_a_message', INBOUND_MESSAGES.partiesMissing);
    return { message, crypto };
  } catch (error) {
    if (!(error instanceof WechatInboundError)) throw error;
    throw new WechatInboundError('decrypt_failed', INBOUND_MESSAGES.decryptFailed, { cause: error });
  }
}

/** Media type (lower case, no parameters) → format. */
const FORMATS: ReadonlyMap<string, MessageFormat> = new Map([
  ['text/xml', 'xml'],
  ['application/xml', 'xml'],
  ['text/plain', 'xml'],
  ['application/json', 'json'],
  ['text/json', 'json'],
]);

function formatOf(contentType: string | undefined): MessageFormat {
  if (contentType === undefined || contentType === '') return 'xml';
  // What WeChat sends ("text/xml") is found as is; anything else is normalized first.
  const format = FORMATS.get(contentType) ?? FORMATS.get(mediaTypeOf(contentType));
  if (format === undefined) throw new WechatInboundError('unsupported_media_type', INBOUND_MESSAGES.unsupportedMediaType);
  return format;
}

function parse(raw: string, format: MessageFormat): Record<string, unknown> {
  return format === 'json' ? parseCallbackJson(raw) : parseCallbackXml(raw);
}
