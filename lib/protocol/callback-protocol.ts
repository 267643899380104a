import { computeSignature, signatureMatches } from '../crypto/signature.js';
import type { MessageCrypto } from '../crypto/message-crypto.js';
import { MessageKeyRing } from '../crypto/message-key-ring.js';
import { WechatInboundError } from '../errors/wechat-inbound.error.js';
import { parseCallbackJson, parseCallbackXml } from '../message/callback-parser.js';
import type { AnyInboundMessage } from '../message/message-types.js';
import { toInboundMessage } from '../message/message-normalizer.js';
import type { Reply } from '../message/reply.js';
import { renderEncryptedReplyJson, renderEncryptedReplyXml, renderReplyJson, renderReplyXml } from '../message/reply-serializer.js';
import type { ResolvedAccount } from '../wechat-accounts.js';
import type { MessageFormat, WechatInboundContext } from './inbound-context.js';
import { INBOUND_MESSAGES } from './inbound.messages.js';
import { mediaTypeOf, singleQueryValue, type QueryLike } from './query.js';

/** One account's inbound state, derived once at bootstrap (the AES keys and IVs live in `keys`). */
export interface AccountRuntime {
  readonly account: ResolvedAccount;
  readonly keys: MessageKeyRing | null;
  readonly ref: { readonly name: string; readonly appId: string };
}

/** A query whose `signature` and timestamp checked out for an account. */
export interface VerifiedQuery {
  readonly runtime: AccountRuntime;
  readonly timestamp: string;
  readonly nonce: string;
}

/** A POST whose query checked out: what opening its body needs. */
export interface VerifiedPost {
  readonly runtime: AccountRuntime;
  readonly timestamp: string;
  readonly nonce: string;
  /** `msg_signature`, when the request is encrypted (`encrypt_type=aes`). */
  readonly msgSignature: string | undefined;
  readonly format: MessageFormat;
  readonly openid: string | undefined;
}

/** A verified, decrypted, parsed callback. */
export interface OpenedCallback {
  readonly runtime: AccountRuntime;
  readonly message: AnyInboundMessage;
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
 * WeChat's callback protocol, pure and framework-free: verify (signatures, replay window, encryption policy), open
 * (parse, msg_signature, decrypt, normalize) and seal (render, encrypt, sign). Every failure is a
 * `WechatInboundError`. The HTTP adapters read the request and write the answer around it; each step runs once.
 */
export class CallbackProtocol {
  private readonly runtimes = new Map<string, AccountRuntime>();
  readonly defaultRuntime: AccountRuntime;

  constructor(accounts: readonly ResolvedAccount[]) {
    for (const account of accounts) {
      const runtime: AccountRuntime = {
        account,
        keys: account.encodingAESKey ? new MessageKeyRing(account.encodingAESKey, account.appId, account.previousEncodingAESKey) : null,
        ref: Object.freeze({ name: account.name, appId: account.appId }),
      };
      this.runtimes.set(account.name, runtime);
      this.runtimes.set(account.appId, runtime);
    }
    this.defaultRuntime = this.runtimes.get(accounts[0]!.name)!;
  }

  /** The account registered under a name or AppID (undefined or '' = the default account). */
  runtimeFor(key: string | undefined): AccountRuntime {
    if (key === undefined || key === '') return this.defaultRuntime;
    const runtime = this.runtimes.get(key);
    if (!runtime) throw new WechatInboundError('account_unknown', INBOUND_MESSAGES.unknownAccount);
    return runtime;
  }

  /** `signature` over (token, timestamp, nonce) and the replay window. */
  verifyQuery(runtime: AccountRuntime, query: QueryLike): VerifiedQuery {
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
    return { runtime, timestamp, nonce };
  }

  /** GET handshake (接入验证): the echostr to return verbatim, once the signature and timestamp check out. */
  verifyHandshake(runtime: AccountRuntime, query: QueryLike): string {
    this.verifyQuery(runtime, query);
    const echostr = singleQueryValue(query, 'echostr');
    if (echostr === undefined) throw new WechatInboundError('echostr_missing', INBOUND_MESSAGES.echostrMissing);
    return echostr;
  }

  /**
   * Everything about a POST that can be checked before its body is read. `checked` is `verifyQuery`'s result when an
   * adapter already ran it for this request (the signature is computed once).
   */
  verifyPost(runtime: AccountRuntime, query: QueryLike, contentType: string | undefined, checked?: VerifiedQuery): VerifiedPost {
    const { timestamp, nonce } = checked?.runtime === runtime ? checked : this.verifyQuery(runtime, query);
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
    return { runtime, timestamp, nonce, msgSignature, format: formatOf(contentType), openid: singleQueryValue(query, 'openid') };
  }

  /** Opens the body of a verified POST: parse, `msg_signature`, decrypt, normalize. */
  open(post: VerifiedPost, raw: string): OpenedCallback {
    const { runtime, format, timestamp, nonce } = post;
    const fields = parse(raw, format);
    let message: AnyInboundMessage;
    let mode: WechatInboundContext['mode'] = 'plain';
    let crypto: MessageCrypto | null = null;
    const encrypted = post.msgSignature !== undefined;
    if (encrypted) {
      const encrypt = typeof fields.Encrypt === 'string' ? fields.Encrypt.trim() : '';
      if (encrypt === '') throw new WechatInboundError('encrypt_missing', INBOUND_MESSAGES.encryptMissing);
      if (!signatureMatches(computeSignature([runtime.account.token, timestamp, nonce, encrypt]), post.msgSignature)) {
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
    const context: WechatInboundContext = {
      account: runtime.ref,
      mode,
      format,
      ...(post.openid !== undefined ? { openid: post.openid } : {}),
    };
    return { runtime, message, context, encrypted, crypto, nonce };
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
}

function namesParties(message: AnyInboundMessage): boolean {
  return typeof message.ToUserName === 'string' && typeof message.FromUserName === 'string';
}

/**
 * Decrypts, parses and normalizes an `Encrypt` value. Every failure past `msg_signature` (base64, length,
 * padding, AppID, the decrypted document) is ONE refusal, `decrypt_failed`, with one status and one body: telling
 * them apart would be an oracle for whoever holds the Token but not the key. The reason is the error's `cause`,
 * which only the log shows.
 */
function openEncrypted(keys: MessageKeyRing, encrypt: string, format: MessageFormat): { message: AnyInboundMessage; crypto: MessageCrypto } {
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
