import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MessageCrypto } from '../../lib/crypto/message-crypto.js';
import { computeSignature } from '../../lib/crypto/signature.js';
import { buildEvent, buildMessage, WechatEmulator, WechatEmulatorError, type PushResult } from '../../lib/testing/index.js';
import { APP } from './emulator-helpers.js';

/**
 * A developer endpoint written with plain node:http, independent of the package's inbound pipeline: it checks the
 * signatures itself, decrypts with MessageCrypto, records what arrived and answers as each test scripts it.
 */
interface Received {
  query: URLSearchParams;
  body: string;
  contentType: string;
  signatureOk: boolean;
  msgSignatureOk?: boolean;
  decrypted?: string;
}
type Script = (received: Received, delivery: number, res: ServerResponse) => void | Promise<void>;

const crypto = new MessageCrypto(APP.encodingAESKey, APP.appId);
const OTHER_APP_CRYPTO = new MessageCrypto(APP.encodingAESKey, 'wxSomebodyElse00');

function textReplyXml(to: string, content: string): string {
  return `<xml><ToUserName><![CDATA[${to}]]></ToUserName><FromUserName><![CDATA[gh_emulator]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content></xml>`;
}

function envelopeXml(plaintext: string, opts: { crypt?: MessageCrypto; tamper?: boolean; encrypt?: string } = {}): string {
  const encrypt = opts.encrypt ?? (opts.crypt ?? crypto).encrypt(plaintext);
  const timeStamp = '1700000001';
  const nonce = '424242';
  let signature = computeSignature([APP.token, timeStamp, nonce, encrypt]);
  if (opts.tamper) signature = signature.replace(/^./, (c) => (c === '0' ? '1' : '0'));
  return `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt><MsgSignature><![CDATA[${signature}]]></MsgSignature><TimeStamp>${timeStamp}</TimeStamp><Nonce><![CDATA[${nonce}]]></Nonce></xml>`;
}

function encryptOf(body: string): string | undefined {
  if (body.trimStart().startsWith('{')) return JSON.parse(body).Encrypt;
  return /<Encrypt><!\[CDATA\[([^\]]*)\]\]><\/Encrypt>/.exec(body)?.[1];
}

describe('emulator: push side', () => {
  let endpoint: Server;
  let url: string;
  let script: Script;
  let received: Received[];
  const timers = new Set<NodeJS.Timeout>();
  let emu: WechatEmulator;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  beforeAll(async () => {
    endpoint = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const query = new URL(req.url!, 'http://x').searchParams;
        const body = Buffer.concat(chunks).toString('utf8');
        const timestamp = query.get('timestamp') ?? '';
        const nonce = query.get('nonce') ?? '';
        const entry: Received = {
          query,
          body,
          contentType: req.headers['content-type'] ?? '',
          signatureOk: computeSignature([APP.token, timestamp, nonce]) === query.get('signature'),
        };
        const encrypt = encryptOf(body);
        if (query.get('encrypt_type') === 'aes' && encrypt) {
          entry.msgSignatureOk = computeSignature([APP.token, timestamp, nonce, encrypt]) === query.get('msg_signature');
          entry.decrypted = crypto.decrypt(encrypt);
        }
        received.push(entry);
        try {
          await script(entry, received.length, res);
        } catch {
          if (!res.headersSent) res.writeHead(500);
          res.end();
        }
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/wechat`;
    emu = await WechatEmulator.start({ ...APP });
  });

  beforeEach(() => {
    received = [];
  });

  afterEach(() => {
    for (const t of timers) clearTimeout(t);
    timers.clear();
    endpoint.closeAllConnections();
  });

  afterAll(async () => {
    await emu.stop();
    await new Promise((resolve) => endpoint.close(resolve));
  });

  const text = (content = 'hello') => buildMessage('text', { FromUserName: 'oUser0000000000000000000000001', ToUserName: 'gh_emulator', Content: content, MsgId: '23942570635195977' });
  const answer = (status: number, body: string, contentType = 'text/xml'): Script => (_r, _n, res) => {
    res.writeHead(status, { 'Content-Type': contentType });
    res.end(body);
  };

  it('plain: signs the query, posts the XML, and returns the typed reply', async () => {
    script = (r, _n, res) => answer(200, textReplyXml(r.query.get('openid')!, 'hi there'))(r, _n, res);
    const result = await emu.push(url, text());
    expect(result).toMatchObject({ status: 200, deliveries: 1, encrypted: false });
    expect(result.error).toBeUndefined();
    expect(result.reply).toEqual({ toUser: 'oUser0000000000000000000000001', fromUser: 'gh_emulator', createTime: 1700000000, reply: { type: 'text', content: 'hi there' } });
    const [r] = received;
    expect(r.signatureOk).toBe(true);
    expect([...r.query.keys()].sort()).toEqual(['nonce', 'openid', 'signature', 'timestamp']);
    expect(r.query.get('openid')).toBe('oUser0000000000000000000000001');
    expect(Math.abs(Number(r.query.get('timestamp')) - Date.now() / 1000)).toBeLessThan(5);
    expect(r.contentType).toBe('text/xml');
    expect(r.body).toContain('<Content><![CDATA[hello]]></Content>');
    expect(r.body).toContain('<MsgId>23942570635195977</MsgId>');
    expect(r.body).not.toContain('Encrypt');
  });

  it('compatible: plaintext fields plus Encrypt, msg_signature; an encrypted reply is verified and decrypted', async () => {
    script = (r, n, res) => answer(200, envelopeXml(textReplyXml('oUser0000000000000000000000001', 'secret hi')))(r, n, res);
    const result = await emu.push(url, text('密文'), { mode: 'compatible' });
    const [r] = received;
    expect(r.query.get('encrypt_type')).toBe('aes');
    expect(r.signatureOk).toBe(true);
    expect(r.msgSignatureOk).toBe(true);
    expect(r.body).toContain('<Content><![CDATA[密文]]></Content>');
    expect(r.decrypted).toContain('<Content><![CDATA[密文]]></Content>');
    expect(r.body.replace(/<Encrypt>.*<\/Encrypt>/, '')).toBe(r.decrypted);
    expect(result).toMatchObject({ status: 200, deliveries: 1, encrypted: true });
    expect(result.error).toBeUndefined();
    expect((result.reply as Exclude<PushResult['reply'], string>).reply).toEqual({ type: 'text', content: 'secret hi' });
  });

  it('compatible: a plaintext reply is accepted', async () => {
    script = answer(200, textReplyXml('o', 'plain is fine'));
    const result = await emu.push(url, text(), { mode: 'compatible' });
    expect(result.error).toBeUndefined();
    expect(result.encrypted).toBe(false);
    expect((result.reply as Exclude<PushResult['reply'], string>).reply).toEqual({ type: 'text', content: 'plain is fine' });
  });

  it('safe: the body carries only ToUserName and Encrypt', async () => {
    script = (r, n, res) => answer(200, envelopeXml(textReplyXml('o', 'safe hi')))(r, n, res);
    const event = buildEvent('CLICK', { FromUserName: 'oUser0000000000000000000000001', ToUserName: 'gh_emulator', EventKey: 'API_MENU_P_2' });
    const result = await emu.push(url, event, { mode: 'safe' });
    const [r] = received;
    expect(r.body).toMatch(/^<xml><ToUserName><!\[CDATA\[gh_emulator\]\]><\/ToUserName><Encrypt><!\[CDATA\[[A-Za-z0-9+/=]+\]\]><\/Encrypt><\/xml>$/);
    expect(r.msgSignatureOk).toBe(true);
    expect(r.decrypted).toContain('<EventKey><![CDATA[API_MENU_P_2]]></EventKey>');
    expect((result.reply as Exclude<PushResult['reply'], string>).reply).toEqual({ type: 'text', content: 'safe hi' });
  });

  it('safe + JSON: posts {ToUserName, Encrypt} and reads a JSON envelope', async () => {
    script = (_r, _n, res) => {
      const plaintext = JSON.stringify({ ToUserName: 'o', FromUserName: 'gh', CreateTime: 1700000000, MsgType: 'text', Content: 'json hi' });
      const encrypt = crypto.encrypt(plaintext);
      const signature = computeSignature([APP.token, '1700000002', 'n1', encrypt]);
      answer(200, JSON.stringify({ Encrypt: encrypt, MsgSignature: signature, TimeStamp: 1700000002, Nonce: 'n1' }), 'application/json')(_r, _n, res);
    };
    const result = await emu.push(url, text(), { mode: 'safe', format: 'json' });
    const [r] = received;
    expect(r.contentType).toBe('application/json');
    expect(Object.keys(JSON.parse(r.body))).toEqual(['ToUserName', 'Encrypt']);
    expect(JSON.parse(r.decrypted!)).toMatchObject({ MsgType: 'text', Content: 'hello' });
    expect(result.error).toBeUndefined();
    expect((result.reply as Exclude<PushResult['reply'], string>).reply).toEqual({ type: 'text', content: 'json hi' });
  });

  it('takes timestamp and nonce from the options, so replay checks can be tested', async () => {
    script = answer(200, 'success');
    emu.clock.advance(86_400);
    await emu.push(url, text(), { timestamp: 1600000000, nonce: '12345' });
    expect(received[0].query.get('timestamp')).toBe('1600000000');
    expect(received[0].query.get('nonce')).toBe('12345');
    expect(received[0].signatureOk).toBe(true);
    await emu.push(url, text());
    // the emulator clock is a day ahead, the push timestamp is not
    expect(Math.abs(Number(received[1].query.get('timestamp')) - Date.now() / 1000)).toBeLessThan(5);
    emu.clock.advance(-86_400);
  });

  it('a slow endpoint gets the same payload again: no answer in timeoutMs → retry', async () => {
    script = async (_r, n, res) => {
      if (n === 1) await sleep(600);
      answer(200, 'success')(_r, n, res);
    };
    const result = await emu.push(url, text(), { timeoutMs: 250 });
    expect(result).toMatchObject({ status: 200, deliveries: 2, reply: 'success' });
    expect(result.error).toBeUndefined();
    expect(result.attempts.map((a) => a.outcome)).toEqual(['timeout', 'answered']);
    expect(received).toHaveLength(2);
    expect(received[1].body).toBe(received[0].body);
    expect(received[1].query.toString()).toBe(received[0].query.toString());
  });

  it('gives up after 3 deliveries and reports no_answer', async () => {
    script = async (_r, n, res) => {
      await sleep(600);
      answer(200, 'success')(_r, n, res);
    };
    const result = await emu.push(url, text(), { timeoutMs: 150 });
    expect(result.deliveries).toBe(3);
    expect(result.attempts.map((a) => a.outcome)).toEqual(['timeout', 'timeout', 'timeout']);
    expect(result.error?.reason).toBe('no_answer');
    expect(result.reply).toBe('');
  });

  it('a 5xx answer is retried', async () => {
    script = (_r, n, res) => answer(n === 1 ? 502 : 200, n === 1 ? 'bad gateway' : '')(_r, n, res);
    const result = await emu.push(url, text());
    expect(result).toMatchObject({ status: 200, deliveries: 2, reply: '', raw: '' });
    expect(result.error).toBeUndefined();
    expect(result.attempts.map((a) => [a.outcome, a.status])).toEqual([['server_error', 502], ['answered', 200]]);
  });

  it('a 4xx answer is final and reported as http_status', async () => {
    script = answer(401, 'signature_invalid');
    const result = await emu.push(url, text());
    expect(result).toMatchObject({ status: 401, deliveries: 1, reply: '', raw: 'signature_invalid' });
    expect(result.error?.reason).toBe('http_status');
  });

  it('detects a bad reply MsgSignature', async () => {
    script = answer(200, envelopeXml(textReplyXml('o', 'x'), { tamper: true }));
    const result = await emu.push(url, text(), { mode: 'safe' });
    expect(result.error?.reason).toBe('msg_signature_invalid');
    expect(result.error?.code).toBe('WECHAT_EMULATOR_PUSH_REPLY');
    expect(result.encrypted).toBe(true);
    expect(result.reply).toBe('');
  });

  it('reports a reply encrypted for another AppID, and one that does not decrypt', async () => {
    script = answer(200, envelopeXml(textReplyXml('o', 'x'), { crypt: OTHER_APP_CRYPTO }));
    expect((await emu.push(url, text(), { mode: 'safe' })).error?.reason).toBe('appid_mismatch');
    script = answer(200, envelopeXml('', { encrypt: Buffer.alloc(32, 7).toString('base64') }));
    expect((await emu.push(url, text(), { mode: 'safe' })).error?.reason).toBe('decrypt_failed');
  });

  it('safe mode refuses a plaintext reply (still showing it); plain mode reports a malformed reply', async () => {
    script = answer(200, textReplyXml('o', 'oops'));
    const safe = await emu.push(url, text(), { mode: 'safe' });
    expect(safe.error?.reason).toBe('reply_not_encrypted');
    expect((safe.reply as Exclude<PushResult['reply'], string>).reply).toEqual({ type: 'text', content: 'oops' });
    script = answer(200, '<html>hello</html>');
    expect((await emu.push(url, text())).error?.reason).toBe('reply_malformed');
  });

  it('connection refused: three network errors, no answer', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/wechat`;
    await new Promise((resolve) => closed.close(resolve));
    const result = await emu.push(deadUrl, text());
    expect(result.attempts.map((a) => a.outcome)).toEqual(['network_error', 'network_error', 'network_error']);
    expect(result.error?.reason).toBe('no_answer');
  });

  it('the sender becomes a follower who may get customer-service messages; unsubscribe removes them', async () => {
    script = answer(200, 'success');
    const from = 'oNewcomer000000000000000000001';
    await emu.push(url, buildEvent('subscribe', { FromUserName: from, ToUserName: 'gh_emulator' }));
    expect(emu.followers()).toContain(from);
    await emu.push(url, buildEvent('unsubscribe', { FromUserName: from, ToUserName: 'gh_emulator' }));
    expect(emu.followers()).not.toContain(from);
  });

  it('refuses misuse with WechatEmulatorError', async () => {
    const bare = await WechatEmulator.start({ appId: 'wxbare', appSecret: 's' });
    try {
      await expect(bare.push(url, text())).rejects.toThrow(WechatEmulatorError);
      await expect(emu.push(url, text(), { timeoutMs: 0 })).rejects.toThrow('timeoutMs');
      await expect(emu.push('ftp://x', text())).rejects.toThrow('http: or https:');
      const noAes = await WechatEmulator.start({ appId: 'wxnoaes', appSecret: 's', token: 't0ken' });
      await expect(noAes.push(url, text(), { mode: 'safe' })).rejects.toThrow('encodingAESKey');
      await noAes.stop();
    } finally {
      await bare.stop();
    }
  });

  it('stop() aborts a push in flight', async () => {
    const local = await WechatEmulator.start({ ...APP });
    script = async (_r, n, res) => {
      await sleep(2000);
      answer(200, 'success')(_r, n, res);
    };
    const pending = local.push(url, text(), { timeoutMs: 5000 });
    await sleep(100);
    const started = Date.now();
    await local.stop();
    const result = await pending;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.deliveries).toBe(1);
    expect(result.error?.reason).toBe('no_answer');
    await expect(local.push(url, text())).rejects.toThrow('stopped');
  });
});
