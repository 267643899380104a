import fc from 'fast-check';
import { checkEncodingAESKey } from '../../lib/crypto/encoding-aes-key.js';

const VALID = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

describe('checkEncodingAESKey', () => {
  it.each([VALID, 'A'.repeat(43), 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C'])('accepts %s', (key) => {
    expect(checkEncodingAESKey(key)).toBeNull();
  });

  it.each([
    ['42 characters', VALID.slice(0, 42), /exactly 43 characters \(got 42\)/],
    ['44 characters', `${VALID}a`, /exactly 43 characters \(got 44\)/],
    ['the base64 padding included', `${VALID.slice(0, 42)}=`, /letters and digits/],
    ['a base64 "+" or "/"', `${VALID.slice(0, 41)}+/`, /letters and digits/],
    ['a space', `${VALID.slice(0, 42)} `, /letters and digits/],
    ['a non-ASCII letter', `${VALID.slice(0, 42)}é`, /letters and digits/],
    ['an empty string', '', /exactly 43 characters \(got 0\)/],
    ['a number', 42, /must be a string/],
    ['undefined', undefined, /must be a string/],
  ])('rejects %s', (_name, value, reason) => {
    expect(checkEncodingAESKey(value)).toMatch(reason);
  });

  it('never echoes the value in its reason', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 6, maxLength: 60 }), (value) => {
        const reason = checkEncodingAESKey(value);
        return reason === null || !reason.includes(value);
      }),
    );
  });
});
