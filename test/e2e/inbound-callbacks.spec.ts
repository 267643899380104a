import 'reflect-metadata';
import { request as httpRequest } from 'node:http';
import { Injectable, type INestApplication } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { OnMessage, OnText, WechatMessage, WechatMpModule, type DedupeStore, type InboundMessage, type TextMessage } from '../../lib/index.js';
import { LogCapture } from '../support/log-capture.js';
import { aesEncrypt, cdata, nowSeconds, openEncryptedReply, sha1Sorted, signCallback, xmlField, xmlOf } from '../support/wechat-wire.js';

const account = {
  appId: 'wx1234567890abcdef',
  appSecret: 'app-secret-never-logged-1234',
  token: 'e2etoken123',
  encodingAESKey: 'Zk9sZ2VuZXJhdGVkS2V5Rm9yVGVzdHMwMTIzNDU2Nzg',
};
const OTHER_KEY = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789aBcDeFg';

@Injectable()
class CaptureHandlers {
  readonly received: InboundMessage[] = [];

  @OnText('boom')
  boom(): never {
    throw new Error('handler failed on purpose');
  }

  @OnText()
  echo(@WechatMessage() message: TextMessage): string {
    this.received.push(message);
    return `echo:${message.Content}`;
  }

  @OnMessage()
  any(@WechatMessage() message: InboundMessage): void {
    this.received.push(message);
  }
}

const text = (content: string, msgId = '23942570635195977') =>
  xmlOf({ ToUserName: 'gh_84671c4da479', FromUserName: 'oMIE-6T2iTOgEdERSg26CU0KL8Og', CreateTime: nowSeconds(), MsgType: 'text', Content: content, MsgId: msgId });

const NO_DEDUPE: DedupeStore = { claim: async () => true, setResult: async () => undefined, getResult: async () => null };

// The same suite on both HTTP adapters Nest ships (as @nestjs/throttler does).
describe.each(['express', 'fastify'] as const)('inbound callbacks (%s, Test.createTestingModule with default body parsers)', (adapter) => {
  let app: INestApplication;
  let base: string;
  let baseUrl = '';
  let handlers: CaptureHandlers;
  const logs = new LogCapture();

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      // Every test reuses the captured MsgId, so dedupe of WeChat's retries is off here (its own specs: test/inbound).
      imports: [WechatMpModule.forRoot({ ...account, requireEncryption: false, bodyLimitBytes: 64 * 1024, dedupeStore: NO_DEDUPE })],
      providers: [CaptureHandlers],
    }).compile();
    app =
      adapter === 'fastify'
        ? moduleRef.createNestApplication(new FastifyAdapter(), { logger: logs })
        : moduleRef.createNestApplication({ logger: logs });
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    base = `${baseUrl}/wechat`;
    handlers = app.get(CaptureHandlers);
  });
  afterAll(() => app.close());
  beforeEach(() => handlers.received.splice(0));

  const post = async (query: URLSearchParams, body: string | Buffer, contentType = 'text/xml') => {
    const res = await fetch(`${base}?${query}`, { method: 'POST', headers: { 'content-type': contentType }, body });
    return { status: res.status, body: await res.text(), type: res.headers.get('content-type') ?? '' };
  };

  describe('GET handshake', () => {
    const handshake = (params: Record<string, string>) => fetch(`${base}?${new URLSearchParams(params)}`);

    it('echoes echostr verbatim as text/plain for a valid signature', async () => {
      const timestamp = nowSeconds();
      const res = await handshake({ signature: sha1Sorted([account.token, timestamp, '42']), timestamp, nonce: '42', echostr: '1234567890123456789' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toBe('1234567890123456789');
    });

    it.each([
      ['a wrong signature', { signature: 'f'.repeat(40) }],
      ['no signature', { signature: undefined }],
      ['a stale timestamp', { timestamp: String(Number(nowSeconds()) - 3600) }],
      ['a non-numeric timestamp', { timestamp: 'yesterday' }],
    ])('refuses %s with 401 and no echostr', async (_label, override) => {
      const timestamp = ('timestamp' in override ? override.timestamp : undefined) ?? nowSeconds();
      const params: Record<string, string> = { signature: sha1Sorted([account.token, timestamp, '7']), timestamp, nonce: '7', echostr: 'secret-echo' };
      if ('signature' in override) {
        if (override.signature === undefined) delete params.signature;
        else params.signature = override.signature;
      }
      const res = await handshake(params);
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('secret-echo');
    });
  });

  describe.each(['plain', 'compatible', 'safe'] as const)('%s mode', (mode) => {
    it('delivers the typed message and answers with a reply encrypted exactly when the request was', async () => {
      const { query, body } = signCallback(account, text('  你好 <b>&amp; spaces  '), mode);
      const res = await post(query, body);
      expect(res.status).toBe(200);
      expect(res.type).toMatch(/xml/);
      const replyXml = mode === 'plain' ? res.body : openEncryptedReply(account, res.body).xml;
      if (mode !== 'plain') {
        expect(openEncryptedReply(account, res.body).appId).toBe(account.appId);
        expect(xmlField(res.body, 'TimeStamp')).toMatch(/^\d{10}$/);
      } else {
        expect(res.body).not.toContain('<Encrypt>');
      }
      expect(xmlField(replyXml, 'Content')).toBe('echo:  你好 <b>&amp; spaces  ');
      expect(xmlField(replyXml, 'ToUserName')).toBe('oMIE-6T2iTOgEdERSg26CU0KL8Og');
      expect(xmlField(replyXml, 'FromUserName')).toBe('gh_84671c4da479');
      expect(xmlField(replyXml, 'CreateTime')).toMatch(/^\d{10}$/);
      expect(handlers.received).toHaveLength(1);
      expect(handlers.received[0]).toMatchObject({ MsgType: 'text', MsgId: '23942570635195977', Content: '  你好 <b>&amp; spaces  ' });
    });

    it('answers a handler that throws with success, logging the error', async () => {
      const { query, body } = signCallback(account, text('boom'), mode);
      const res = await post(query, body);
      expect(res).toMatchObject({ status: 200, body: 'success' });
      expect(logs.text()).toContain('handler failed on purpose');
    });

    it('answers a message without a reply with success', async () => {
      const event = xmlOf({ ToUserName: 'gh_x', FromUserName: 'oUser', CreateTime: nowSeconds(), MsgType: 'brand_new_type', Foo: 'bar' });
      const res = await post(...Object.values(signCallback(account, event, mode)) as [URLSearchParams, string]);
      expect(res).toMatchObject({ status: 200, body: 'success' });
      expect(handlers.received[0]).toMatchObject({ MsgType: 'brand_new_type', Foo: 'bar' });
    });
  });

  describe('JSON data format', () => {
    const json = (fields: Record<string, unknown>) => JSON.stringify(fields);
    const message = { ToUserName: 'gh_json', FromUserName: 'oJsonUser', CreateTime: 1672369434, MsgType: 'text', Content: 'json 你好', MsgId: 23942570635195977 };

    it('keeps big numeric ids exact and answers in JSON (plaintext)', async () => {
      const { query } = signCallback(account, '<xml/>', 'plain');
      const raw = json(message).replace('"MsgId":23942570635195976', '"MsgId":23942570635195977');
      expect(raw).toContain('23942570635195977');
      const res = await post(query, raw, 'application/json');
      expect(res.status).toBe(200);
      expect(res.type).toMatch(/json/);
      expect(JSON.parse(res.body)).toMatchObject({ ToUserName: 'oJsonUser', FromUserName: 'gh_json', MsgType: 'text' });
      expect(handlers.received[0]).toMatchObject({ MsgId: '23942570635195977', CreateTime: '1672369434', Content: 'json 你好' });
    });

    it('decrypts a safe-mode JSON callback and encrypts the JSON reply', async () => {
      const timestamp = nowSeconds();
      const inner = json(message).replace('"MsgId":23942570635195976', '"MsgId":23942570635195977');
      const encrypt = aesEncrypt(account.encodingAESKey, account.appId, inner);
      const query = new URLSearchParams({
        signature: sha1Sorted([account.token, timestamp, '99']),
        timestamp,
        nonce: '99',
        encrypt_type: 'aes',
        msg_signature: sha1Sorted([account.token, timestamp, '99', encrypt]),
      });
      const res = await post(query, json({ ToUserName: 'gh_json', Encrypt: encrypt }), 'application/json');
      expect(res.status).toBe(200);
      const reply = JSON.parse(res.body) as Record<string, string>;
      expect(sha1Sorted([account.token, String(reply.TimeStamp), reply.Nonce, reply.Encrypt])).toBe(reply.MsgSignature);
      expect(handlers.received[0]).toMatchObject({ MsgId: '23942570635195977' });
    });
  });

  describe('bad input: a documented status, no handler runs, the process keeps serving', () => {
    const signed = (body: string, mode: 'plain' | 'safe' = 'plain') => signCallback(account, body, mode);

    it.each<{ label: string; make: () => { query: URLSearchParams; body: string; tamper?: (q: URLSearchParams) => void }; status: number }>([
      { label: 'wrong signature', make: () => ({ ...signed(text('x')), tamper: (q: URLSearchParams) => q.set('signature', 'f'.repeat(40)) }), status: 401 },
      { label: 'missing signature', make: () => ({ ...signed(text('x')), tamper: (q: URLSearchParams) => q.delete('signature') }), status: 401 },
      { label: 'repeated signature', make: () => ({ ...signed(text('x')), tamper: (q: URLSearchParams) => q.append('signature', q.get('signature')!) }), status: 401 },
      { label: 'stale timestamp', make: () => signCallback(account, text('x'), 'plain', { timestamp: String(Number(nowSeconds()) - 301) }), status: 401 },
      { label: 'wrong msg_signature', make: () => ({ ...signed(text('x'), 'safe'), tamper: (q: URLSearchParams) => q.set('msg_signature', '0'.repeat(40)) }), status: 401 },
      { label: 'missing msg_signature', make: () => ({ ...signed(text('x'), 'safe'), tamper: (q: URLSearchParams) => q.delete('msg_signature') }), status: 401 },
      { label: 'malformed XML', make: () => signed('<xml><broken>'), status: 400 },
      { label: 'a non-XML body', make: () => signed('hello, world'), status: 400 },
      { label: 'an empty body', make: () => signed(''), status: 400 },
      { label: 'an XML document that is not a message', make: () => signed('<xml><Foo>1</Foo></xml>'), status: 400 },
      { label: 'a DOCTYPE', make: () => signed('<!DOCTYPE xml [<!ENTITY x "y">]><xml><MsgType>&x;</MsgType></xml>'), status: 400 },
    ])('$label → $status', async ({ make, status }) => {
      const request = make();
      request.tamper?.(request.query);
      const res = await post(request.query, request.body);
      expect(res.status).toBe(status);
      expect(handlers.received).toHaveLength(0);
    });

    it('refuses a billion-laughs body quickly without expanding it', async () => {
      const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><xml><Content>&lol9;</Content></xml>`;
      const started = Date.now();
      const res = await post(signed(lol).query, lol);
      expect(res.status).toBe(400);
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('refuses a body over the limit with 413 and keeps serving', async () => {
      const big = text('x'.repeat(70 * 1024));
      const refused = await post(signed(big).query, big);
      expect(refused.status).toBe(413);
      expect(JSON.parse(refused.body)).toMatchObject({ statusCode: 413, error: 'body_too_large' });
      const ok = signed(text('still here'));
      expect((await post(ok.query, ok.body)).status).toBe(200);
    });

    it('reads no body of an unsigned request: an oversized one is refused for its signature, not its size', async () => {
      const big = text('x'.repeat(70 * 1024));
      const { query } = signed(big);
      query.set('signature', '0'.repeat(40));
      // Both adapters: the capture refuses an unsigned callback before reading its body (Fastify used to read it).
      expect((await post(query, big)).status).toBe(401);
    });

    it.each(['application/json', 'text/xml', 'application/x-www-form-urlencoded', 'text/plain'])(
      'refuses an unsigned %s callback whose body never ends, without waiting for it (401 at once)',
      async (contentType) => {
        const { status, ended } = await partialPost(baseUrl, `/wechat?signature=${'0'.repeat(40)}&timestamp=${nowSeconds()}&nonce=1`, contentType);
        expect(status).toBe(401);
        expect(ended).toBe(true); // the connection is closed: nothing more is read from it
      },
    );

    it('answers a signed callback whose body stops half-way with 408 once the read times out', async () => {
      const { query } = signed(text('x'));
      const { status } = await partialPost(baseUrl, `/wechat?${query}`, 'text/xml', 10_000);
      expect(status).toBe(408);
    }, 15_000);

    it('refuses an unsupported content type with 415', async () => {
      const { query, body } = signed(text('x'));
      expect((await post(query, body, 'multipart/form-data; boundary=x')).status).toBe(415);
    });

    const encrypted = (encrypt: string): { query: URLSearchParams; body: string } => {
      const timestamp = nowSeconds();
      const query = new URLSearchParams({
        signature: sha1Sorted([account.token, timestamp, '5']),
        timestamp,
        nonce: '5',
        encrypt_type: 'aes',
        msg_signature: sha1Sorted([account.token, timestamp, '5', encrypt]),
      });
      return { query, body: `<xml><ToUserName>${cdata('gh_x')}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt></xml>` };
    };

    it.each<{ label: string; make: () => string; cause: string }>([
      { label: 'not base64', make: () => '%%%not-base64%%%', cause: 'encrypt_invalid' },
      { label: 'a truncated ciphertext', make: () => aesEncrypt(account.encodingAESKey, account.appId, text('x')).slice(0, 40), cause: 'encrypt_invalid' },
      { label: 'another key', make: () => aesEncrypt(OTHER_KEY, account.appId, text('x')), cause: 'encrypt_invalid' },
      { label: 'another AppID', make: () => aesEncrypt(account.encodingAESKey, 'wxsomebodyelse0001', text('x')), cause: 'appid_mismatch' },
      { label: 'a decrypted non-document', make: () => aesEncrypt(account.encodingAESKey, account.appId, 'not xml'), cause: 'body_malformed' },
    ])('refuses an Encrypt that is $label with the ONE decryption answer (400 decrypt_failed); the reason only in the log', async ({ make, cause }) => {
      const { query, body } = encrypted(make());
      const res = await post(query, body);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toEqual({ statusCode: 400, error: 'decrypt_failed', message: 'The encrypted body could not be opened' });
      expect(handlers.received).toHaveLength(0);
      expect(logs.text()).toContain(`cause: ${cause}`);
    });
  });

  // Declared last so it runs after every request above (jest runs tests in declaration order).
  it('never logs a secret, across everything above', () => {
    const log = logs.text();
    expect(log).toContain('handler failed on purpose');
    expect(log).toContain('appid_mismatch');
    for (const secret of [account.appSecret, account.encodingAESKey, account.token]) expect(log).not.toContain(secret);
  });
});

/** A POST that sends its headers and part of a chunked body, then nothing: the answer's status and whether the server closed. */
function partialPost(base: string, path: string, contentType: string, waitMs = 3_000): Promise<{ status: number; ended: boolean }> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'POST', headers: { 'content-type': contentType, 'transfer-encoding': 'chunked' } },
      (res) => {
        res.resume();
        let ended = false;
        res.on('end', () => (ended = true));
        req.on('close', () => resolve({ status: res.statusCode ?? 0, ended }));
        setTimeout(() => {
          req.destroy();
        }, 500).unref();
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer within ${waitMs} ms`));
    }, waitMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', () => undefined);
    req.write(contentType === 'application/json' ? '{"ToUserName":"gh' : '<xml><ToUserName>gh');
    req.flushHeaders();
  });
}
