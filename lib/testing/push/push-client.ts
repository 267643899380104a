import { randomInt } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { computeSignature, signatureMatches } from '../../crypto/signature.js';
import { MessageCrypto } from '../../crypto/message-crypto.js';
import { WechatError } from '../../errors/wechat-error.js';
import { WechatInboundError } from '../../errors/wechat-inbound.error.js';
import { parseCallbackJson, parseCallbackXml } from '../../message/callback-parser.js';
import { renderMessageJson, renderMessageXml } from '../../message/message-serializer.js';
import type { InboundMessage } from '../../message/message-types.js';
import { parseReplyJson, parseReplyXml, type ParsedReply } from '../../message/reply-serializer.js';
import { cdataElement } from '../../message/xml-writer.js';
import { WechatEmulatorError } from '../emulator-errors.js';

/**
 * The push side: the emulator as WeChat towards a developer's endpoint.
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Access_Overview.html (signature)
 *       https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
 *       ("微信服务器在五秒内收不到响应会断掉连接，并且重新发起请求，总共重试三次")
 *       https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Message_encryption_and_decryption_instructions.html
 */
export type PushMode = 'plain' | 'compatible' | 'safe';
export type PushFormat = 'xml' | 'json';

export interface PushOptions {
  /** 明文 / 兼容 / 安全模式. Default `plain`. */
  mode?: PushMode;
  /** Data format configured for the endpoint. Default `xml`. */
  format?: PushFormat;
  /** How long one delivery may take before WeChat gives up on it. Default 5000 ms. */
  timeoutMs?: number;
  /** Deliveries of the same payload at most (WeChat: 3). Default 3. */
  maxDeliveries?: number;
  /** `timestamp` query parameter, Unix seconds. Default: now. */
  timestamp?: number;
  /** `nonce` query parameter. Default: random digits. */
  nonce?: string;
  /** Called after each delivery, before any retry (the emulator's page shows WeChat's retries as they happen). */
  onAttempt?: (attempt: PushAttempt) => void;
}

/** Who is pushing: the account's 服务器配置. */
export interface PushTarget {
  token: string;
  appId: string;
  /** Required for compatible and safe mode. */
  encodingAESKey?: string;
}

export type PushOutcome = 'answered' | 'timeout' | 'network_error' | 'server_error';

export interface PushAttempt {
  readonly outcome: PushOutcome;
  /** HTTP status, 0 when there was none. */
  readonly status: number;
  readonly elapsedMs: number;
}

export const PUSH_REPLY_ERROR_REASONS = [
  'no_answer',
  'http_status',
  'msg_signature_invalid',
  'decrypt_failed',
  'appid_mismatch',
  'reply_not_encrypted',
  'reply_malformed',
] as const;
export type PushReplyErrorReason = (typeof PUSH_REPLY_ERROR_REASONS)[number];

/** What WeChat would have objected to in the endpoint's answer. Returned in `PushResult.error`, never thrown. */
export class WechatPushReplyError extends WechatError {
  readonly code = 'WECHAT_EMULATOR_PUSH_REPLY';
  constructor(
    readonly reason: PushReplyErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface PushResult {
  /** HTTP status of the answer used (0 when no delivery got one). */
  readonly status: number;
  /** How many times the payload was sent. */
  readonly deliveries: number;
  /** The typed passive reply, or `'success'` / `''` when the endpoint sent no reply. */
  readonly reply: ParsedReply | 'success' | '';
  /** The answer body as received. */
  readonly raw: string;
  /** The reply was an encrypted envelope (and `raw` its ciphertext form). */
  readonly encrypted: boolean;
  /** The decrypted reply text, when the reply was encrypted and decrypted. */
  readonly decrypted?: string;
  /** Set when WeChat would refuse the answer (bad MsgSignature, undecryptable, no answer…). */
  readonly error?: WechatPushReplyError;
  readonly attempts: readonly PushAttempt[];
  /** What was sent (the same for every delivery). */
  readonly request: { readonly url: string; readonly body: string; readonly contentType: string; readonly plaintext: string };
}

const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_DELIVERIES = 3;
/** Bigger answers are not passive replies; stop reading there. */
const MAX_ANSWER_BYTES = 1024 * 1024;

/** Builds the request WeChat would send for `message`: query string, body and content type. */
export function buildPushRequest(
  message: InboundMessage,
  target: PushTarget,
  options: Pick<PushOptions, 'mode' | 'format' | 'timestamp' | 'nonce'> = {},
): { query: URLSearchParams; body: string; contentType: string; plaintext: string } {
  const mode = options.mode ?? 'plain';
  const format = options.format ?? 'xml';
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? String(randomInt(100_000_000, 2_000_000_000));
  const plaintext = format === 'xml' ? renderMessageXml(message) : renderMessageJson(message);
  const query = new URLSearchParams({
    signature: computeSignature([target.token, timestamp, nonce]),
    timestamp,
    nonce,
    openid: message.FromUserName,
  });
  const contentType = format === 'xml' ? 'text/xml' : 'application/json';
  if (mode === 'plain') return { query, body: plaintext, contentType, plaintext };

  if (!target.encodingAESKey) throw new WechatEmulatorError(`a ${mode} mode push needs the account's encodingAESKey`);
  const encrypt = new MessageCrypto(target.encodingAESKey, target.appId).encrypt(plaintext);
  query.set('encrypt_type', 'aes');
  query.set('msg_signature', computeSignature([target.token, timestamp, nonce, encrypt]));
  let body: string;
  if (mode === 'safe') {
    body =
      format === 'xml'
        ? `<xml>${cdataElement('ToUserName', message.ToUserName)}${cdataElement('Encrypt', encrypt)}</xml>`
        : JSON.stringify({ ToUserName: message.ToUserName, Encrypt: encrypt });
  } else {
    // compatible: the plaintext fields plus Encrypt
    body =
      format === 'xml'
        ? plaintext.replace(/<\/xml>\s*$/, `${cdataElement('Encrypt', encrypt)}</xml>`)
        : plaintext.replace(/\}\s*$/, `,"Encrypt":${JSON.stringify(encrypt)}}`);
  }
  return { query, body, contentType, plaintext };
}

/**
 * Pushes `message` to `url` as WeChat does and reads the answer: signs the query, encrypts in compatible/safe mode,
 * re-sends the same payload when a delivery times out, fails to connect or gets a 5xx (at most `maxDeliveries`),
 * then verifies, decrypts and parses the first complete answer.
 */
export async function pushMessage(
  url: string,
  message: InboundMessage,
  target: PushTarget,
  options: PushOptions & { signal?: AbortSignal } = {},
): Promise<PushResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxDeliveries = options.maxDeliveries ?? DEFAULT_DELIVERIES;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new WechatEmulatorError('push timeoutMs must be a positive number');
  if (!Number.isInteger(maxDeliveries) || maxDeliveries < 1 || maxDeliveries > 10) {
    throw new WechatEmulatorError('push maxDeliveries must be an integer from 1 to 10');
  }
  if (!target.token) throw new WechatEmulatorError('a push needs the account token');
  let endpoint: URL;
  try {
    endpoint = new URL(url);
  } catch {
    throw new WechatEmulatorError(`push url is not a URL: ${url}`);
  }
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') {
    throw new WechatEmulatorError('push url must be http: or https:');
  }
  const built = buildPushRequest(message, target, options);
  for (const [key, value] of built.query) endpoint.searchParams.set(key, value);

  const attempts: PushAttempt[] = [];
  let answer: { status: number; body: string } | undefined;
  let lastStatus = 0;
  for (let i = 0; i < maxDeliveries && !options.signal?.aborted; i++) {
    const result = await deliver(endpoint, built.body, built.contentType, timeoutMs, options.signal);
    const attempt: PushAttempt = { outcome: result.outcome, status: result.status, elapsedMs: result.elapsedMs };
    attempts.push(attempt);
    options.onAttempt?.(attempt);
    lastStatus = result.status;
    if (result.outcome === 'answered') {
      answer = { status: result.status, body: result.body };
      break;
    }
  }
  const base = {
    deliveries: attempts.length,
    attempts,
    request: { url: endpoint.toString(), body: built.body, contentType: built.contentType, plaintext: built.plaintext },
  };
  if (!answer) {
    const error = new WechatPushReplyError('no_answer', `no complete answer from ${endpoint.origin}${endpoint.pathname} in ${attempts.length} deliveries`);
    return { ...base, status: lastStatus, reply: '', raw: '', encrypted: false, error };
  }
  return { ...base, status: answer.status, raw: answer.body, ...readAnswer(answer, target, options.mode ?? 'plain') };
}

type AnswerReading = Pick<PushResult, 'reply' | 'encrypted' | 'error' | 'decrypted'>;

function readAnswer(answer: { status: number; body: string }, target: PushTarget, mode: PushMode): AnswerReading {
  if (answer.status !== 200) {
    return { reply: '', encrypted: false, error: new WechatPushReplyError('http_status', `the endpoint answered HTTP ${answer.status}`) };
  }
  const body = answer.body.trim();
  // "假如服务器无法保证在五秒内处理并回复，必须做出下述回复…直接回复success…或者直接回复空串"
  if (body === '' || body === 'success') return { reply: body, encrypted: false };
  const isJson = body.startsWith('{');
  let fields: Record<string, unknown>;
  try {
    fields = isJson ? parseCallbackJson(body) : parseCallbackXml(body);
  } catch (error) {
    return { reply: '', encrypted: false, error: malformed(error) };
  }
  if (typeof fields.Encrypt !== 'string' || mode === 'plain') {
    const parsed = parseReply(body, isJson);
    if (mode === 'safe' && !(parsed instanceof WechatPushReplyError)) {
      return { reply: parsed, encrypted: false, error: new WechatPushReplyError('reply_not_encrypted', 'safe mode needs an encrypted reply') };
    }
    return parsed instanceof WechatPushReplyError ? { reply: '', encrypted: false, error: parsed } : { reply: parsed, encrypted: false };
  }

  const { Encrypt: encrypt, MsgSignature: signature, TimeStamp: timeStamp, Nonce: nonce } = fields;
  const expected = computeSignature([target.token, String(timeStamp ?? ''), String(nonce ?? ''), encrypt]);
  if (!signatureMatches(expected, typeof signature === 'string' ? signature : undefined)) {
    return { reply: '', encrypted: true, error: new WechatPushReplyError('msg_signature_invalid', 'the reply MsgSignature does not match') };
  }
  let plaintext: string;
  try {
    plaintext = new MessageCrypto(target.encodingAESKey!, target.appId).decrypt(encrypt);
  } catch (error) {
    const reason = error instanceof WechatInboundError && error.reason === 'appid_mismatch' ? 'appid_mismatch' : 'decrypt_failed';
    return { reply: '', encrypted: true, error: new WechatPushReplyError(reason, `the reply could not be decrypted (${reason})`, { cause: error }) };
  }
  const parsed = parseReply(plaintext, plaintext.trimStart().startsWith('{'));
  return parsed instanceof WechatPushReplyError
    ? { reply: '', encrypted: true, decrypted: plaintext, error: parsed }
    : { reply: parsed, encrypted: true, decrypted: plaintext };
}

function parseReply(text: string, isJson: boolean): ParsedReply | WechatPushReplyError {
  try {
    return isJson ? parseReplyJson(text) : parseReplyXml(text);
  } catch (error) {
    return malformed(error);
  }
}

function malformed(error: unknown): WechatPushReplyError {
  const detail = error instanceof Error ? error.message : String(error);
  return new WechatPushReplyError('reply_malformed', `the reply is not a passive reply: ${detail}`, { cause: error });
}

interface Delivery {
  outcome: PushOutcome;
  status: number;
  body: string;
  elapsedMs: number;
}

/** One POST; resolves (never rejects) with what happened within `timeoutMs`. */
function deliver(url: URL, body: string, contentType: string, timeoutMs: number, signal?: AbortSignal): Promise<Delivery> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: PushOutcome, status: number, text = '') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      req.destroy();
      resolve({ outcome, status, body: text, elapsedMs: Date.now() - started });
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      agent: false,
      headers: {
        'Content-Type': contentType,
        'Content-Length': Buffer.byteLength(body),
        'User-Agent': 'Mozilla/4.0',
        Connection: 'close',
      },
    });
    const timer = setTimeout(() => finish('timeout', 0), timeoutMs);
    const onAbort = () => finish('network_error', 0);
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', () => finish('network_error', 0));
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
      });
      res.on('error', () => finish('network_error', status));
      res.on('end', () => finish(status >= 500 ? 'server_error' : 'answered', status, Buffer.concat(chunks).toString('utf8')));
    });
    req.end(body);
  });
}
