import { inspect } from 'node:util';
import fc from 'fast-check';
import { MessageCrypto } from '../../lib/crypto/message-crypto.js';
import { WechatConfigError } from '../../lib/errors/wechat-config.error.js';
import { WechatInboundError } from '../../lib/errors/wechat-inbound.error.js';
import { CRYPTO_VECTORS } from '../fixtures/fixtures.js';
import { rawDecrypt, rawEncrypt, referenceDecrypt, referenceEncrypt, referencePlaintext } from './reference-crypto.js';

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const APP_ID = 'wx2c2769f8efd9abc2';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const encodingAESKey = fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 43, maxLength: 43 });
const appId = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });
const text = fc.string({ unit: 'binary', maxLength: 300 });

function rejection(fn: () => unknown): WechatInboundError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WechatInboundError);
    return error as WechatInboundError;
  }
  throw new Error('expected a WechatInboundError');
}

describe('MessageCrypto: official known-answer vectors', () => {
  it.each(CRYPTO_VECTORS.encrypt)('encrypts like the official samples: $name', (v) => {
    const crypto = new MessageCrypto(v.encodingAESKey, v.appId, { randomBytes: () => Buffer.from(v.random!, 'utf8') });
    expect(crypto.encrypt(v.plaintext!)).toBe(v.ciphertext);
    expect(crypto.decrypt(v.ciphertext)).toBe(v.plaintext);
  });

  it.each(CRYPTO_VECTORS.decrypt)('decrypts what WeChat sent: $name', (v) => {
    const plaintext = new MessageCrypto(v.encodingAESKey, v.appId).decrypt(v.ciphertext);
    if (v.plaintext !== undefined) expect(plaintext).toBe(v.plaintext);
    else expect(plaintext).toContain(v.plaintextContains);
  });
});

describe('MessageCrypto: round trips and an independent implementation', () => {
  it('decrypts what it encrypted, for any text and AppID', () => {
    fc.assert(
      fc.property(encodingAESKey, appId, text, (key, id, plaintext) => {
        const crypto = new MessageCrypto(key, id);
        expect(crypto.decrypt(crypto.encrypt(plaintext))).toBe(plaintext);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with the reference implementation in both directions', () => {
    fc.assert(
      fc.property(encodingAESKey, appId, text, (key, id, plaintext) => {
        const crypto = new MessageCrypto(key, id);
        const ours = referenceDecrypt(key, crypto.encrypt(plaintext));
        expect(ours).toMatchObject({ plaintext, appId: id });
        expect(crypto.decrypt(referenceEncrypt(key, id, plaintext))).toBe(plaintext);
      }),
      { numRuns: 200 },
    );
  });

  it('pads to 32-byte blocks with values 1..32 (a full block when already aligned)', () => {
    const crypto = new MessageCrypto(KEY, APP_ID);
    const pads = new Set<number>();
    for (let length = 0; length < 64; length++) {
      const ciphertext = crypto.encrypt('x'.repeat(length));
      const raw = rawDecrypt(KEY, ciphertext);
      expect(raw.length % 32).toBe(0);
      const { pad } = referenceDecrypt(KEY, ciphertext);
      expect(raw.subarray(raw.length - pad).every((b) => b === pad)).toBe(true);
      expect(20 + length + APP_ID.length + pad).toBe(raw.length);
      pads.add(pad);
    }
    expect([...pads].sort((a, b) => a - b)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
  });

  it('uses fresh random bytes for every message', () => {
    const crypto = new MessageCrypto(KEY, APP_ID);
    const prefixes = new Set(Array.from({ length: 300 }, () => rawDecrypt(KEY, crypto.encrypt('same')).subarray(0, 16).toString('hex')));
    expect(prefixes.size).toBe(300);
  });

  it('accepts 16-byte PKCS#7 padding from other implementations, and MIME line breaks', () => {
    const body = Buffer.concat([Buffer.alloc(16, 1), Buffer.from([0, 0, 0, 2]), Buffer.from('hi'), Buffer.from(APP_ID)]);
    const pad = 16 - (body.length % 16);
    const sixteen = rawEncrypt(KEY, Buffer.concat([body, Buffer.alloc(pad, pad)]));
    const crypto = new MessageCrypto(KEY, APP_ID);
    expect(crypto.decrypt(sixteen)).toBe('hi');
    const wrapped = crypto.encrypt('wrapped').replace(/(.{20})/g, '$1\r\n');
    expect(crypto.decrypt(wrapped)).toBe('wrapped');
  });
});

describe('MessageCrypto: refusing bad input', () => {
  const crypto = new MessageCrypto(KEY, APP_ID);
  const block = (bytes: Buffer) => rawEncrypt(KEY, bytes);
  const header = (length: number) => {
    const b = Buffer.alloc(20, 7);
    b.writeUInt32BE(length, 16);
    return b;
  };
  const padded = (body: Buffer, pad = 32 - (body.length % 32)) => Buffer.concat([body, Buffer.alloc(pad, pad)]);

  it.each([
    ['a non-string', 42, /not a string/],
    ['an empty value', '', /empty/],
    ['non-base64 characters', '!!!!notbase64!!!', /not valid base64/],
    ['base64 of the wrong length', 'YWJj=', /not valid base64/],
    ['a ciphertext that is not a multiple of 16 bytes', Buffer.alloc(20).toString('base64'), /not a non-zero multiple/],
    ['padding value 0', block(Buffer.alloc(32, 0)), /invalid PKCS#7 padding \(pad value 0/],
    ['padding value 33', block(Buffer.alloc(64, 33)), /invalid PKCS#7 padding \(pad value 33/],
    ['inconsistent padding bytes', block(Buffer.concat([Buffer.alloc(28, 9), Buffer.from([1, 2, 4, 4])])), /invalid PKCS#7 padding/],
    ['a payload shorter than its header', block(padded(Buffer.alloc(10, 1))), /shorter than the 20-byte/],
    ['a length field past the end', block(padded(Buffer.concat([header(50), Buffer.from('short')]))), /points past its end/],
    ['a length field of 2^32-1', block(padded(header(0xffffffff))), /points past its end/],
  ])('%s → encrypt_invalid', (_name, value, message) => {
    const error = rejection(() => crypto.decrypt(value as string));
    expect(error.reason).toBe('encrypt_invalid');
    expect(error.status).toBe(400);
    expect(error.message).toMatch(message);
  });

  it('refuses a payload for another AppID with appid_mismatch, naming neither AppID nor content', () => {
    const other = referenceEncrypt(KEY, 'wxOTHERAPPID000000', 'secret plaintext');
    const error = rejection(() => crypto.decrypt(other));
    expect(error.reason).toBe('appid_mismatch');
    expect(error.status).toBe(401);
    expect(error.message).not.toMatch(/wxOTHER|secret plaintext/);
  });

  it('refuses a payload whose AppID merely starts with ours', () => {
    const prefixed = rawEncrypt(KEY, referencePlaintext('hi', `${APP_ID}x`));
    expect(rejection(() => crypto.decrypt(prefixed)).reason).toBe('appid_mismatch');
  });

  it('never reveals key material or plaintext in its messages', () => {
    const secret = 'the secret message';
    const raw = Buffer.from(`${KEY}=`, 'base64');
    const attempts = [
      referenceEncrypt(KEY, 'wxOTHER', secret),
      rawEncrypt(KEY, Buffer.concat([referencePlaintext(secret, APP_ID).subarray(0, 32), Buffer.alloc(32, 0)])),
      Buffer.from(secret).toString('base64'),
    ];
    for (const attempt of attempts) {
      const { message } = rejection(() => crypto.decrypt(attempt));
      for (const forbidden of [KEY, raw.toString('hex'), raw.toString('base64'), raw.subarray(0, 16).toString('hex'), secret]) {
        expect(message).not.toContain(forbidden);
      }
    }
  });

  it('tampered ciphertext never decrypts silently into another error type', () => {
    const original = crypto.encrypt('<xml><Content><![CDATA[hello]]></Content></xml>');
    const bytes = Buffer.from(original, 'base64');
    fc.assert(
      fc.property(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), fc.boolean(), (at, flip, truncate) => {
        const tampered = Buffer.from(bytes);
        tampered[at]! ^= flip;
        const value = (truncate ? tampered.subarray(0, at) : tampered).toString('base64');
        try {
          const result = crypto.decrypt(value);
          expect(typeof result).toBe('string'); // astronomically unlikely, but not an error either
        } catch (error) {
          expect(error).toBeInstanceOf(WechatInboundError);
          expect(['encrypt_invalid', 'appid_mismatch']).toContain((error as WechatInboundError).reason);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('only ever throws WechatInboundError for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (value) => {
        try {
          crypto.decrypt(value);
        } catch (error) {
          expect(error).toBeInstanceOf(WechatInboundError);
        }
      }),
    );
  });
});

describe('MessageCrypto: configuration', () => {
  it.each([
    ['a 42-character key', KEY.slice(0, 42)],
    ['a key with base64 padding', `${KEY.slice(0, 42)}=`],
    ['no key', undefined],
  ])('refuses %s with WechatConfigError("encodingAESKey") without echoing it', (_name, key) => {
    let error: unknown;
    try {
      new MessageCrypto(key as string, APP_ID);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WechatConfigError);
    expect((error as WechatConfigError).option).toBe('encodingAESKey');
    if (key) expect((error as Error).message).not.toContain(key);
  });

  it('refuses an empty AppID', () => {
    expect(() => new MessageCrypto(KEY, '')).toThrow(WechatConfigError);
  });

  it('does not expose the key when inspected, logged or serialized', () => {
    const crypto = new MessageCrypto(KEY, APP_ID);
    const raw = Buffer.from(`${KEY}=`, 'base64');
    for (const shown of [inspect(crypto, { depth: 5, showHidden: true }), JSON.stringify(crypto), String(crypto)]) {
      expect(shown).not.toContain(KEY);
      expect(shown).not.toContain(raw.toString('hex').slice(0, 16));
    }
  });
});
