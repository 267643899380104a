import type { Readable } from 'node:stream';
import { WechatInboundError } from '../errors/wechat-inbound.error.js';
import { INBOUND_MESSAGES } from '../protocol/inbound.messages.js';
import { DEFAULTS, REQUEST_KEYS } from '../wechat-mp.constants.js';
import { nodeRequestOf, type HttpRequestLike } from './http-request.js';

/**
 * Reads a request stream to the end, refusing bodies over `limit` bytes without buffering them; a declared
 * Content-Length over the limit is refused before reading. A body not complete within `timeoutMs` is refused
 * (`body_timeout`): a sender that stops half-way must not hold the connection and its buffers.
 */
export function readStream(stream: Readable, limit: number, declaredLength = NaN, timeoutMs: number = DEFAULTS.bodyReadTimeoutMs): Promise<Buffer> {
  if (declaredLength > limit) return Promise.reject(tooLarge(limit));
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      cleanup();
      reject(new WechatInboundError('body_timeout', INBOUND_MESSAGES.bodyTimeout(timeoutMs)));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        // Keep draining so the 413 can still be written on this connection; nothing more is buffered.
        stream.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new WechatInboundError('body_malformed', INBOUND_MESSAGES.bodyUnreadable, { cause: error }));
    };
    const onAborted = () => onError(new Error('request aborted'));
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('aborted', onAborted);
  });
}

function tooLarge(limit: number): WechatInboundError {
  return new WechatInboundError('body_too_large', INBOUND_MESSAGES.bodyTooLarge(limit));
}

/**
 * The callback body as text, whatever ran before us: our own capture layer (the built-in controller's routes),
 * Nest's `rawBody: true`, a text/raw body parser, or the untouched stream (XML is not parsed by Nest's defaults).
 * A body some parser already turned into an object is refused (`body_already_parsed`), never re-serialized: a
 * JSON parser rounds MsgIds beyond 2^53, so two users' messages could share a key and one get the other's reply.
 */
export async function readRawBody(req: HttpRequestLike, limit: number): Promise<string> {
  const ready = bodyAlreadyRead(req, limit);
  if (ready !== undefined) return ready;
  const stream = nodeRequestOf(req);
  if (stream.readable && !stream.readableEnded) {
    return (await readStream(stream, limit, Number(stream.headers['content-length']))).toString('utf8');
  }
  if (req.body !== undefined && req.body !== null && typeof req.body === 'object') {
    throw new WechatInboundError('body_already_parsed', INBOUND_MESSAGES.bodyAlreadyParsed);
  }
  return '';
}

/**
 * `readRawBody` without waiting: the body as text when something already read it (our capture layer, `rawBody`,
 * a text or raw parser), undefined when it is still in the stream (or was parsed into an object). Lets the
 * built-in route open a captured callback with no promise in between.
 */
export function bodyAlreadyRead(req: HttpRequestLike, limit: number): string | undefined {
  const captureError = req[REQUEST_KEYS.bodyError];
  if (captureError instanceof WechatInboundError) throw captureError;
  const captured = req[REQUEST_KEYS.rawBody];
  if (Buffer.isBuffer(captured)) return checked(captured, limit);
  if (Buffer.isBuffer(req.rawBody)) return checked(req.rawBody, limit);
  if (typeof req.body === 'string') return checked(Buffer.from(req.body), limit);
  if (Buffer.isBuffer(req.body)) return checked(req.body, limit);
  return undefined;
}

function checked(body: Buffer, limit: number): string {
  if (body.length > limit) throw tooLarge(limit);
  return body.toString('utf8');
}
