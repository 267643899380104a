import { PassThrough } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { WechatInboundError } from '../../lib/errors/wechat-inbound.error.js';
import type { HttpRequestLike } from '../../lib/http/http-request.js';
import { readRawBody, readStream } from '../../lib/http/raw-body.reader.js';
import { REQUEST_KEYS } from '../../lib/wechat-mp.constants.js';

function streamOf(chunks: string[], headers: Record<string, string> = {}): IncomingMessage {
  const stream = new PassThrough() as unknown as IncomingMessage & PassThrough;
  Object.assign(stream, { headers });
  setImmediate(() => {
    for (const chunk of chunks) stream.write(chunk);
    stream.end();
  });
  return stream;
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WechatInboundError) return error.reason;
    throw error;
  }
  throw new Error('expected a WechatInboundError');
}

describe('readStream', () => {
  it('reads every chunk', async () => {
    expect((await readStream(streamOf(['<xml>', '中文', '</xml>']), 100)).toString()).toBe('<xml>中文</xml>');
  });

  it('refuses a declared Content-Length over the limit without reading', async () => {
    const stream = streamOf(['x']);
    expect(await reasonOf(readStream(stream, 10, 11))).toBe('body_too_large');
  });

  it('refuses a body that grows past the limit and drains the rest', async () => {
    const stream = streamOf(['12345', '67890', 'abc']);
    expect(await reasonOf(readStream(stream, 10))).toBe('body_too_large');
    if (!stream.readableEnded) await new Promise<void>((resolve) => stream.on('end', () => resolve()));
    expect(stream.readableEnded).toBe(true);
  });
});

describe('readRawBody', () => {
  const req = (extra: Partial<HttpRequestLike>): HttpRequestLike => ({ headers: {}, ...extra });

  it('prefers the body captured before the parsers ran', async () => {
    expect(await readRawBody(req({ [REQUEST_KEYS.rawBody]: Buffer.from('{"MsgId":23942570635195977}'), body: { MsgId: 1 } }), 100)).toBe(
      '{"MsgId":23942570635195977}',
    );
  });

  it('rethrows a capture error', async () => {
    const error = new WechatInboundError('body_malformed', 'x');
    expect(await reasonOf(readRawBody(req({ [REQUEST_KEYS.bodyError]: error }), 100))).toBe('body_malformed');
  });

  it("uses Nest's rawBody, then a string or Buffer body", async () => {
    expect(await readRawBody(req({ rawBody: Buffer.from('<a/>') }), 100)).toBe('<a/>');
    expect(await readRawBody(req({ body: '<b/>' }), 100)).toBe('<b/>');
    expect(await readRawBody(req({ body: Buffer.from('<c/>') }), 100)).toBe('<c/>');
  });

  it('applies the limit to bodies read by someone else too', async () => {
    expect(await reasonOf(readRawBody(req({ body: 'x'.repeat(101) }), 100))).toBe('body_too_large');
  });

  it('reads the untouched request stream', async () => {
    const stream = streamOf(['<xml/>'], { 'content-type': 'text/xml' });
    expect(await readRawBody(stream as unknown as HttpRequestLike, 100)).toBe('<xml/>');
  });
});
