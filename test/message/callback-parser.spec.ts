import fc from 'fast-check';
import { computeSignature } from '../../lib/crypto/signature.js';
import { MessageCrypto } from '../../lib/crypto/message-crypto.js';
import { WechatInboundError } from '../../lib/errors/wechat-inbound.error.js';
import { parseCallbackJson, parseCallbackXml } from '../../lib/message/callback-parser.js';
import { CRYPTO_VECTORS, fixture, OFFICIAL_COMPATIBLE, OFFICIAL_EVENTS, SEED_CALLBACKS } from '../fixtures/fixtures.js';

const reasonOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WechatInboundError);
    return (error as WechatInboundError).reason;
  }
  return 'accepted';
};

describe('parseCallbackXml', () => {
  it.each(SEED_CALLBACKS)('reads the captured payload $file as sent', ({ file, expected }) => {
    expect(parseCallbackXml(fixture(file))).toEqual(expected);
  });

  it('reads the seed compatible-mode Encrypt without its formatting whitespace', () => {
    const fields = parseCallbackXml(fixture('seed/text-compatible.xml'));
    expect(fields.Encrypt).toMatch(/^lfg8C3Bex[A-Za-z0-9+/]+=$/);
  });

  it('reads, verifies and decrypts the official compatible-mode body', () => {
    const c = OFFICIAL_COMPATIBLE;
    const outer = parseCallbackXml(fixture(c.file));
    expect(computeSignature([c.token, c.query.timestamp, c.query.nonce, outer.Encrypt as string])).toBe(c.query.msg_signature);
    const inner = new MessageCrypto(c.encodingAESKey, c.appId).decrypt(outer.Encrypt as string);
    expect(inner).toBe(c.decrypted);
    const { Encrypt, ...plaintextFields } = outer;
    expect(Encrypt).toBeDefined();
    expect(parseCallbackXml(inner)).toEqual(plaintextFields); // compatible mode: the plaintext part equals the encrypted part
  });

  it('reads the official safe-mode XML push once decrypted', () => {
    const v = CRYPTO_VECTORS.decrypt.find((d) => d.name.includes('XML push'))!;
    const fields = parseCallbackXml(new MessageCrypto(v.encodingAESKey, v.appId).decrypt(v.ciphertext));
    expect(fields).toEqual({
      ToUserName: 'gh_97417a04a28d', FromUserName: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY', CreateTime: '1715943329',
      MsgType: 'event', Event: 'debug_demo', debug_str: 'hello world',
    });
  });

  it.each(OFFICIAL_EVENTS.map((f) => f.file))('reads the doc example %s', (file) => {
    expect(parseCallbackXml(fixture(file)).MsgType).toBe('event');
  });

  it.each([
    ['a root other than <xml>', '<root><a>1</a></root>', 'body_not_a_message'],
    ['an HTML page', '<html><body>hi</body></html>', 'body_not_a_message'],
    ['an empty body', '', 'body_empty'],
    ['malformed XML', '<xml><broken>', 'body_malformed'],
    ['a DOCTYPE', '<!DOCTYPE xml><xml/>', 'body_forbidden_markup'],
    ['a Buffer instead of text', Buffer.from('<xml/>'), 'body_malformed'],
  ])('refuses %s with %s', (_name, body, reason) => {
    expect(reasonOf(() => parseCallbackXml(body as string))).toBe(reason);
  });

  it('returns no fields for an empty or text-only <xml>', () => {
    expect(parseCallbackXml('<xml/>')).toEqual({});
    expect(parseCallbackXml('<xml>text</xml>')).toEqual({});
  });

  it('never throws anything but WechatInboundError, even on mutated seeds', () => {
    const seeds = SEED_CALLBACKS.map((s) => fixture(s.file));
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.nat(), fc.nat({ max: 20 }), fc.string({ unit: 'binary', maxLength: 10 }), (seed, at, cut, insert) => {
        const i = at % (seed.length + 1);
        reasonOf(() => parseCallbackXml(seed.slice(0, i) + insert + seed.slice(i + cut)));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseCallbackJson', () => {
  it('reads the docs plaintext JSON push, numbers as exact text', () => {
    expect(parseCallbackJson(fixture('official/json-plain.json'))).toEqual({
      ToUserName: 'gh_97417a04a28d', FromUserName: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY', CreateTime: '1714037059',
      MsgType: 'event', Event: 'debug_demo', debug_str: 'hello world',
    });
  });

  it('reads and decrypts the docs safe-mode JSON push', () => {
    const v = CRYPTO_VECTORS.decrypt.find((d) => d.name.includes('JSON push'))!;
    const outer = parseCallbackJson(fixture('official/json-safe.json'));
    expect(outer.Encrypt).toBe(v.ciphertext);
    const inner = parseCallbackJson(new MessageCrypto(v.encodingAESKey, v.appId).decrypt(outer.Encrypt as string));
    expect(inner).toMatchObject({ CreateTime: '1714112445', Event: 'debug_demo' });
  });

  it('keeps a MsgId beyond 2^53 exact', () => {
    expect(parseCallbackJson('{"MsgType":"text","MsgId":23942570635195977}').MsgId).toBe('23942570635195977');
  });

  it.each([
    ['an array', '[1,2]'],
    ['a string', '"text"'],
    ['a number', '12'],
    ['null', 'null'],
  ])('refuses %s at the top level with body_not_a_message', (_name, json) => {
    expect(reasonOf(() => parseCallbackJson(json))).toBe('body_not_a_message');
  });

  it.each([
    ['', 'body_empty'],
    ['{"a":', 'body_malformed'],
    ['<xml/>', 'body_malformed'],
  ])('refuses %j with %s', (json, reason) => {
    expect(reasonOf(() => parseCallbackJson(json))).toBe(reason);
  });
});
