/**
 * Hostile HTTP inputs for a WeChat callback endpoint, generated deterministically from a seed: mutated valid
 * plaintext and encrypted callbacks, random bytes, oversized fields, deep nesting, invalid UTF-8, DOCTYPE tricks,
 * CDATA edge cases, wrong content types, missing/repeated/garbled query parameters and odd methods and paths.
 * Requests are signed with the independent wire implementation (test/support/wechat-wire.ts), so mutations of
 * the body reach the parser instead of stopping at the signature check. Every 25th case is an untouched valid
 * callback ("control") whose reply the harness verifies, so a server that refused everything would fail.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { cdata, nowSeconds, sha1Sorted, signCallback, type Account } from '../support/wechat-wire.js';

export type FuzzMode = 'plain' | 'compatible' | 'safe';

export interface FuzzCase {
  readonly id: number;
  readonly category: string;
  readonly method: string;
  /** Path and query string. */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
  /** Set for controls: the reply must be the sample's echo of `content`, encrypted when `mode` is not plain. */
  readonly control?: { readonly mode: FuzzMode; readonly content: string };
}

/** Deterministic PRNG (mulberry32): the same seed gives the same cases, so a failure can be replayed. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  bytes(length: number): Buffer {
    const out = Buffer.allocUnsafe(length);
    for (let i = 0; i < length; i++) out[i] = this.int(256);
    return out;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const BODY_LIMIT = 1024 * 1024; // the sample's (the module's default) body limit

/** Tokens that matter to an XML/JSON reader, inserted at random places. */
const TOKENS = [
  '<', '>', '</', '/>', '<![CDATA[', ']]>', ']]]]><![CDATA[>', '<!--', '-->', '<?xml version="1.0"?>', '<?', '?>',
  '<!DOCTYPE x [<!ENTITY a "b">]>', '<!doctype xml>', '<!ENTITY % p SYSTEM "file:///etc/passwd">', '<! DOCTYPE', '&a;',
  '&amp;', '&#0;', '&#x110000;', '&#xD800;', '&#65;', '&#99999999999;', '&lt;', '&', ';', '\u0000', '\uFFFE', '\uD800',
  '"', "'", '=', ' xmlns="urn:x"', ' a="1"', ' a=', '<xml>', '</xml>', '<MsgType>event</MsgType>', '<Encrypt>',
  '</Encrypt>', '<__proto__>x</__proto__>', '<constructor><prototype>1</prototype></constructor>', 'é', '😀', '\r\n',
  '\t', '{', '}', '[', ']', '"__proto__":{"x":1}', '1e999999', '-0', '123456789012345678901234567890', 'null', '\\u0000',
  '\\', '\\"',
];

/** Byte sequences that are not valid UTF-8 (or are unusual: BOMs, overlong forms, encoded surrogates). */
const BAD_UTF8 = [
  [0xff], [0xfe], [0xc0, 0xaf], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80], [0xef, 0xbb, 0xbf], [0xfe, 0xff], [0x80], [0xc1, 0xbf], [0xe0, 0x80, 0xaf],
].map((b) => Buffer.from(b));

const DOCTYPE_TRICKS = [
  '<!DOCTYPE xml [<!ENTITY x "y">]><xml><MsgType>&x;</MsgType></xml>',
  '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><xml><Content>&lol2;</Content></xml>',
  '<!DOCTYPE xml SYSTEM "http://127.0.0.1:9/evil.dtd"><xml><MsgType>text</MsgType></xml>',
  '<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Content>&xxe;</Content><MsgType>text</MsgType></xml>',
  '<!DOCTYPE xml [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;]><xml/>',
  '<!doctype xml><xml><MsgType>text</MsgType></xml>',
  '<xml><!DOCTYPE inner><MsgType>text</MsgType></xml>',
  '<xml><MsgType>text</MsgType></xml><!DOCTYPE after>',
  '<!-- <!DOCTYPE hidden> --><xml><MsgType>text</MsgType><Content>c</Content></xml>',
  '<xml><Content><![CDATA[<!DOCTYPE inside-cdata>]]></Content><MsgType>text</MsgType></xml>',
  '<!\tDOCTYPE xml><xml/>',
  '<!ELEMENT xml ANY><xml/>',
  '<!ATTLIST xml a CDATA #IMPLIED><xml/>',
  '<!NOTATION n SYSTEM "x"><xml/>',
  '\uFEFF<!DOCTYPE xml><xml/>',
];

const CDATA_TRICKS = [
  '<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[unterminated</Content></xml>',
  '<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[a]]]]><![CDATA[>b]]></Content></xml>',
  '<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[]]></Content></xml>',
  '<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[x]]><![CDATA[y]]></Content></xml>',
  '<xml><MsgType><![CDATA[te]]>xt</MsgType><Content>c</Content></xml>',
  '<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[<xml><Content>nested</Content></xml>]]></Content></xml>',
  '<xml><MsgType><![cdata[text]]></MsgType></xml>',
  '<xml><MsgType><![CDATA [text]]></MsgType></xml>',
  '<xml><![CDATA[<MsgType>text</MsgType>]]></xml>',
  '<![CDATA[<xml><MsgType>text</MsgType></xml>]]>',
  '<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[]]]></Content></xml>',
  '<xml><MsgType><![CDATA[text]]></MsgType><Content>]]></Content></xml>',
  '<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[\u0000\u0001\uFFFE]]></Content></xml>',
];

const CONTENT_TYPES = [
  'text/xml', 'application/xml', 'text/plain', 'application/json', 'text/json', 'TEXT/XML', 'text/xml; charset=utf-8',
  'text/xml; charset=gbk', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'multipart/form-data',
  'text/html', 'application/octet-stream', 'application/soap+xml', 'image/png', '*/*', 'text/xml;;;', ';', 'xml',
  `text/xml; ${'a'.repeat(2000)}`, 'application/json; charset=utf-16', '',
];

const QUERY_KEYS = ['signature', 'timestamp', 'nonce', 'openid', 'encrypt_type', 'msg_signature', 'echostr'];
const QUERY_GARBAGE = [
  '', ' ', '%', '%zz', '%00', '0', '-1', '1e10', '99999999999999999999', 'aes', 'AES', 'raw', 'none', 'ａｅｓ', '../..', '<xml/>',
  '"', '\u202e', 'x'.repeat(10_000), 'f'.repeat(40), '0'.repeat(40), 'F'.repeat(40),
];

/** A valid callback body of one kind: the message, its format and the text the sample's echo handler returns. */
interface Seed {
  readonly xml: (msgId: string) => string;
  readonly echo?: string;
}

const user = 'oFuzzUser0000000000000001';
const xmlOf = (fields: Record<string, string>) =>
  `<xml>${Object.entries(fields)
    .map(([k, v]) => `<${k}>${/^\d+$/.test(v) ? v : cdata(v)}</${k}>`)
    .join('')}</xml>`;
const common = () => ({ ToUserName: 'gh_fuzz', FromUserName: user, CreateTime: nowSeconds() });

const SEEDS: readonly Seed[] = [
  { xml: (id) => xmlOf({ ...common(), MsgType: 'text', Content: `fuzz ${id}`, MsgId: id }), echo: 'fuzz' },
  { xml: (id) => xmlOf({ ...common(), MsgType: 'text', Content: 'help', MsgId: id }) },
  { xml: (id) => xmlOf({ ...common(), MsgType: 'image', PicUrl: 'http://mmbiz.qpic.cn/x', MediaId: `media_${id}`, MsgId: id }) },
  { xml: (id) => xmlOf({ ...common(), MsgType: 'voice', MediaId: 'm', Format: 'amr', Recognition: '你好', MsgId: id }) },
  { xml: (id) => xmlOf({ ...common(), MsgType: 'location', Location_X: '23.134521', Location_Y: '113.358803', Scale: '20', Label: '位置', MsgId: id }) },
  { xml: (id) => xmlOf({ ...common(), MsgType: 'link', Title: 't', Description: 'd', Url: 'http://x', MsgId: id }) },
  { xml: () => xmlOf({ ...common(), MsgType: 'event', Event: 'subscribe', EventKey: 'qrscene_123', Ticket: 't' }) },
  { xml: () => xmlOf({ ...common(), MsgType: 'event', Event: 'SCAN', EventKey: '123', Ticket: 't' }) },
  { xml: () => xmlOf({ ...common(), MsgType: 'event', Event: 'CLICK', EventKey: 'API_MENU_P_2' }) },
  { xml: () => xmlOf({ ...common(), MsgType: 'event', Event: 'VIEW', EventKey: 'http://x', MenuId: '1' }) },
  { xml: () => xmlOf({ ...common(), MsgType: 'event', Event: 'LOCATION', Latitude: '23.1', Longitude: '113.3', Precision: '119.3' }) },
  {
    xml: () =>
      `<xml><ToUserName>${cdata('gh_fuzz')}</ToUserName><FromUserName>${cdata(user)}</FromUserName><CreateTime>${nowSeconds()}</CreateTime>` +
      `<MsgType>${cdata('event')}</MsgType><Event>${cdata('pic_sysphoto')}</Event><EventKey>${cdata('k')}</EventKey>` +
      `<SendPicsInfo><Count>1</Count><PicList><item><PicMd5Sum>${cdata('1b5f7c23b5bf75682a53e7b6d163e185')}</PicMd5Sum></item></PicList></SendPicsInfo></xml>`,
  },
];

const JSON_SEEDS: readonly ((id: string) => string)[] = [
  (id) => `{"ToUserName":"gh_fuzz","FromUserName":"${user}","CreateTime":${nowSeconds()},"MsgType":"text","Content":"json ${id}","MsgId":${id}}`,
  () => `{"ToUserName":"gh_fuzz","FromUserName":"${user}","CreateTime":${nowSeconds()},"MsgType":"event","Event":"CLICK","EventKey":"API_MENU_P_2"}`,
];

export interface CaseGeneratorOptions {
  seed: number;
  account: Account & { encodingAESKey: string };
  /** Callback path of the default account. */
  path?: string;
}

/** `caseAt(i)` builds case `i` on demand (signed with the current time, so long runs stay inside the replay window). */
export function createCaseGenerator({ seed, account, path = '/wechat' }: CaseGeneratorOptions): (id: number) => FuzzCase {
  let msgId = BigInt(seed >>> 0) * 1_000_000_000n + 6_000_000_000_000_000n;
  const nextMsgId = () => String(++msgId);

  const signed = (xml: string, mode: FuzzMode, category: string, id: number, contentType = 'text/xml'): FuzzCase => {
    const request = signCallback(account, xml, mode);
    return { id, category, method: 'POST', path: `${path}?${request.query}`, headers: { 'content-type': contentType }, body: Buffer.from(request.body) };
  };

  /** Safe-mode envelope around arbitrary (possibly hostile) plaintext bytes, correctly encrypted and signed. */
  const encryptedAround = (plaintext: Buffer, id: number, category: string): FuzzCase => {
    const timestamp = nowSeconds();
    const nonce = String(100000 + (id % 900000));
    const encrypt = aesEncryptBytes(account, plaintext);
    const query = new URLSearchParams({
      signature: sha1Sorted([account.token, timestamp, nonce]),
      timestamp,
      nonce,
      encrypt_type: 'aes',
      msg_signature: sha1Sorted([account.token, timestamp, nonce, encrypt]),
    });
    return {
      id,
      category,
      method: 'POST',
      path: `${path}?${query}`,
      headers: { 'content-type': 'text/xml' },
      body: Buffer.from(`<xml><ToUserName>${cdata('gh_fuzz')}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt></xml>`),
    };
  };

  const generators: [weight: number, name: string, make: (r: Random, id: number) => FuzzCase][] = [
    [18, 'mutated plaintext XML', (r, id) => {
      const request = signCallback(account, r.pick(SEEDS).xml(nextMsgId()), 'plain');
      return { id, category: 'mutated plaintext XML', method: 'POST', path: `${path}?${request.query}`, headers: { 'content-type': 'text/xml' }, body: mutate(r, Buffer.from(request.body)) };
    }],
    [14, 'mutated plaintext inside a valid encryption', (r, id) =>
      encryptedAround(mutate(r, Buffer.from(r.pick(SEEDS).xml(nextMsgId()))), id, 'mutated plaintext inside a valid encryption')],
    [8, 'mutated encrypted envelope', (r, id) => {
      const c = signed(r.pick(SEEDS).xml(nextMsgId()), r.pick(['safe', 'compatible'] as const), 'mutated encrypted envelope', id);
      return { ...c, body: mutate(r, c.body!) };
    }],
    [6, 'mutated JSON', (r, id) => {
      const c = signed(r.pick(JSON_SEEDS)(nextMsgId()), 'plain', 'mutated JSON', id, 'application/json');
      return { ...c, body: mutate(r, c.body!) };
    }],
    [6, 'random bytes', (r, id) => {
      const c = signed('<xml/>', 'plain', 'random bytes', id, r.pick(CONTENT_TYPES));
      return { ...c, body: r.bytes(r.int(4096)) };
    }],
    [5, 'oversized', (r, id) => oversized(r, id)],
    [5, 'deep nesting', (r, id) => {
      const depth = r.pick([30, 31, 32, 33, 64, 1000, 20_000, 100_000]);
      const open = r.pick(['<a>', '<a x="1">', '<![CDATA[', '[', '{"a":']);
      const close = open === '<![CDATA[' ? ']]>' : open === '[' ? ']' : open.startsWith('{') ? '}' : '</a>';
      const inner = open.repeat(depth) + (r.chance(0.5) ? close.repeat(depth) : '');
      const json = open === '[' || open.startsWith('{');
      const body = json ? `{"MsgType":"text","Content":${inner || '1'}}` : `<xml><MsgType>text</MsgType><Content>${inner}</Content></xml>`;
      return r.chance(0.3)
        ? encryptedAround(Buffer.from(body), id, 'deep nesting')
        : signed(body, 'plain', 'deep nesting', id, json ? 'application/json' : 'text/xml');
    }],
    [5, 'invalid UTF-8', (r, id) => {
      const body = Buffer.from(r.pick(SEEDS).xml(nextMsgId()));
      let out: Buffer = body;
      for (let k = 0, n = 1 + r.int(4); k < n; k++) out = insertAt(out, r.int(out.length + 1), r.pick(BAD_UTF8));
      return r.chance(0.4) ? encryptedAround(out, id, 'invalid UTF-8') : { ...signed('', 'plain', 'invalid UTF-8', id), body: out };
    }],
    [5, 'DOCTYPE tricks', (r, id) => {
      const body = r.pick(DOCTYPE_TRICKS);
      return r.chance(0.4) ? encryptedAround(Buffer.from(body), id, 'DOCTYPE tricks') : signed(body, 'plain', 'DOCTYPE tricks', id);
    }],
    [5, 'CDATA edge cases', (r, id) => {
      const body = r.pick(CDATA_TRICKS);
      return r.chance(0.4) ? encryptedAround(Buffer.from(body), id, 'CDATA edge cases') : signed(body, 'plain', 'CDATA edge cases', id);
    }],
    [6, 'wrong content types', (r, id) => {
      const seed = r.chance(0.7) ? r.pick(SEEDS).xml(nextMsgId()) : r.pick(JSON_SEEDS)(nextMsgId());
      const c = signed(seed, r.pick(['plain', 'safe'] as const), 'wrong content types', id, r.pick(CONTENT_TYPES));
      const headers = { ...c.headers };
      if (headers['content-type'] === '') delete headers['content-type'];
      return { ...c, headers };
    }],
    [10, 'query parameters', (r, id) => queryMutation(r, id)],
    [4, 'methods and paths', (r, id) => methodOrPath(r, id)],
  ];
  const totalWeight = generators.reduce((sum, [w]) => sum + w, 0);

  function oversized(r: Random, id: number): FuzzCase {
    const kind = r.int(6);
    if (kind === 0) {
      // One field just over the limit: 413.
      return signed(xmlOf({ ...common(), MsgType: 'text', Content: 'x'.repeat(BODY_LIMIT + r.int(4096)), MsgId: nextMsgId() }), 'plain', 'oversized', id);
    }
    if (kind === 1) {
      // Large but under the limit: a normal answer.
      return signed(xmlOf({ ...common(), MsgType: 'text', Content: '长'.repeat(100_000 + r.int(150_000)), MsgId: nextMsgId() }), r.pick(['plain', 'safe'] as const), 'oversized', id);
    }
    if (kind === 2) {
      // Many repeated elements.
      const n = 1000 + r.int(60_000);
      return signed(`<xml><MsgType>text</MsgType><Content>c</Content>${'<F>1</F>'.repeat(n)}</xml>`, 'plain', 'oversized', id);
    }
    if (kind === 3) {
      // A huge tag name or attribute.
      const big = 'T'.repeat(10_000 + r.int(200_000));
      return signed(r.chance(0.5) ? `<xml><${big}>1</${big}><MsgType>text</MsgType></xml>` : `<xml a="${big}"><MsgType>text</MsgType></xml>`, 'plain', 'oversized', id);
    }
    if (kind === 4) {
      // A Content-Length over the limit announced up front, with a small body behind it.
      const c = signed(r.pick(SEEDS).xml(nextMsgId()), 'plain', 'oversized', id);
      return { ...c, headers: { ...c.headers, 'x-fuzz-declared-length': String(BODY_LIMIT * 2) } };
    }
    // A huge encrypted payload (under the limit once base64-encoded).
    return encryptedAround(Buffer.from(xmlOf({ ...common(), MsgType: 'text', Content: 'y'.repeat(200_000 + r.int(400_000)), MsgId: nextMsgId() })), id, 'oversized');
  }

  function queryMutation(r: Random, id: number): FuzzCase {
    const mode = r.pick(['plain', 'safe', 'compatible'] as const);
    const request = signCallback(account, r.pick(SEEDS).xml(nextMsgId()), mode);
    const entries = [...request.query.entries()];
    for (let k = 0, n = 1 + r.int(3); k < n; k++) {
      const op = r.int(5);
      const key = r.pick(QUERY_KEYS);
      if (op === 0) {
        const at = entries.findIndex(([k2]) => k2 === key);
        if (at !== -1) entries.splice(at, 1);
      } else if (op === 1) {
        const existing = entries.find(([k2]) => k2 === key);
        entries.push([key, existing && r.chance(0.5) ? existing[1] : r.pick(QUERY_GARBAGE)]);
      } else if (op === 2) {
        const at = entries.findIndex(([k2]) => k2 === key);
        if (at !== -1) entries[at] = [key, r.pick(QUERY_GARBAGE)];
      } else if (op === 3) {
        entries.push([`${key}[]`, r.pick(QUERY_GARBAGE)]);
      } else {
        const at = entries.findIndex(([k2]) => k2 === key);
        if (at !== -1) entries[at] = [key, String(Number(nowSeconds()) + r.pick([-301, 301, -86400, 10 ** 12]))];
      }
    }
    let query = new URLSearchParams(entries).toString();
    if (r.chance(0.2)) query += r.pick(['&%zz=1', '&=', '&&&', '&signature', '&a=%', '&timestamp=%E4%B8%AD', '#frag', '&nonce=%00']);
    return { id, category: 'query parameters', method: 'POST', path: `${path}?${query}`, headers: { 'content-type': 'text/xml' }, body: Buffer.from(request.body) };
  }

  function methodOrPath(r: Random, id: number): FuzzCase {
    const kind = r.int(4);
    const timestamp = nowSeconds();
    const signature = sha1Sorted([account.token, timestamp, '7']);
    if (kind === 0) {
      const echostr = r.pick(['1234567890', '', '<script>alert(1)</script>', 'x'.repeat(5000), '%00', '中文']);
      const query = new URLSearchParams({ signature: r.chance(0.7) ? signature : 'bad', timestamp, nonce: '7' });
      if (r.chance(0.9)) query.set('echostr', echostr);
      return { id, category: 'methods and paths', method: 'GET', path: `${path}?${query}`, headers: {} };
    }
    if (kind === 1) {
      const c = signed(r.pick(SEEDS).xml(nextMsgId()), 'plain', 'methods and paths', id);
      return { ...c, method: r.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']) };
    }
    const c = signed(r.pick(SEEDS).xml(nextMsgId()), 'plain', 'methods and paths', id);
    const query = c.path.slice(c.path.indexOf('?'));
    const odd = r.pick([
      `${path}/unknown`, `${path}/default`, `${path}/${account.appId}`, `${path}/%00`, `${path}/..%2f..%2fetc`, `${path}//`,
      `${path}/`, `${path.toUpperCase()}`, `${path}/${'a'.repeat(3000)}`, `${path}/%E4%B8%AD`, `${path}/%zz`, `${path}/__proto__`,
      `${path}/constructor`,
    ]);
    return { ...c, path: odd + query };
  }

  return (id: number): FuzzCase => {
    const r = new Random((seed ^ Math.imul(id + 1, 0x9e3779b1)) >>> 0);
    if (id % 25 === 0) {
      const mode = (['plain', 'safe', 'compatible'] as const)[(id / 25) % 3]!;
      // A MsgId no mutation of the others' is likely to produce (those are 19 digits from 6…, these 9… and random):
      // a collision would rightly be answered from the dedupe store with the other message's reply.
      const msgId = `9${Array.from({ length: 18 }, () => r.int(10)).join('')}`;
      const content = `control ${id} ${msgId}`;
      const xml = xmlOf({ ...common(), MsgType: 'text', Content: content, MsgId: msgId });
      return { ...signed(xml, mode, 'control', id), control: { mode, content } };
    }
    let pick = r.next() * totalWeight;
    for (const [weight, , make] of generators) {
      if ((pick -= weight) < 0) return make(r, id);
    }
    return generators[0]![2](r, id);
  };
}

function insertAt(buffer: Buffer, at: number, insert: Buffer): Buffer {
  return Buffer.concat([buffer.subarray(0, at), insert, buffer.subarray(at)]);
}

/** 1–4 random edits: bit flips, byte changes, deletions, duplications, token insertions, truncation. */
export function mutate(r: Random, input: Buffer): Buffer {
  let out = input;
  for (let k = 0, n = 1 + r.int(4); k < n; k++) {
    const at = r.int(out.length + 1);
    switch (r.int(8)) {
      case 0:
        if (out.length) {
          out = Buffer.from(out);
          out[Math.min(at, out.length - 1)]! ^= 1 << r.int(8);
        }
        break;
      case 1:
        if (out.length) {
          out = Buffer.from(out);
          out[Math.min(at, out.length - 1)] = r.int(256);
        }
        break;
      case 2:
        out = Buffer.concat([out.subarray(0, at), out.subarray(Math.min(out.length, at + 1 + r.int(32)))]);
        break;
      case 3: {
        const len = 1 + r.int(64);
        out = insertAt(out, at, out.subarray(at, at + len));
        break;
      }
      case 4:
      case 5:
        out = insertAt(out, at, Buffer.from(r.pick(TOKENS)));
        break;
      case 6:
        out = out.subarray(0, at);
        break;
      default:
        out = insertAt(out, at, r.pick(BAD_UTF8));
    }
  }
  return out;
}

/** WeChat's AES envelope (per the docs, as in test/support/wechat-wire.ts) around raw bytes, which may be invalid UTF-8. */
function aesEncryptBytes(account: { encodingAESKey: string; appId: string }, plaintext: Buffer): string {
  const key = Buffer.from(`${account.encodingAESKey}=`, 'base64');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(plaintext.length);
  const unpadded = Buffer.concat([randomBytes(16), length, plaintext, Buffer.from(account.appId)]);
  const pad = 32 - (unpadded.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([unpadded, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}
