import fc from 'fast-check';
import { computeSignature, signatureMatches } from '../../lib/crypto/signature.js';
import { CRYPTO_VECTORS } from '../fixtures/fixtures.js';

describe('computeSignature', () => {
  it.each(CRYPTO_VECTORS.plainSignatures)('matches the docs: $name', ({ token, timestamp, nonce, signature }) => {
    expect(computeSignature([token, timestamp, nonce])).toBe(signature);
  });

  it.each([...CRYPTO_VECTORS.encrypt, ...CRYPTO_VECTORS.decrypt].filter((v) => v.signature))(
    'computes msg_signature over the Encrypt value: $name',
    ({ ciphertext, signature }) => {
      expect(computeSignature([signature!.token, signature!.timestamp, signature!.nonce, ciphertext])).toBe(signature!.msgSignature);
    },
  );

  it('is 40 lowercase hex characters and does not depend on the order of its parts', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary-ascii' }), { maxLength: 6 }), fc.context(), (parts, ctx) => {
        const shuffled = [...parts].reverse();
        ctx.log(JSON.stringify(shuffled));
        const signature = computeSignature(parts);
        expect(signature).toMatch(/^[0-9a-f]{40}$/);
        expect(computeSignature(shuffled)).toBe(signature);
        expect(parts).toEqual([...shuffled].reverse()); // the input is not sorted in place
      }),
    );
  });

  it('changes when any part changes', () => {
    const base = computeSignature(['token', '1714036504', '1514711492']);
    expect(computeSignature(['token', '1714036505', '1514711492'])).not.toBe(base);
    expect(computeSignature(['token', '1714036504', '1514711492', ''])).toBe(base); // joining adds no separator
  });
});

describe('signatureMatches', () => {
  const good = computeSignature(['AAAAA', '1714036504', '1514711492']);

  it.each([
    ['the same signature', good, true],
    ['a different signature of the same length', `${good.slice(0, 39)}${good[39] === '0' ? '1' : '0'}`, false],
    ['a shorter signature', good.slice(0, 20), false],
    ['a longer signature', `${good}0`, false],
    ['the upper-case form', good.toUpperCase(), false],
    ['an empty string', '', false],
    ['a missing signature', undefined, false],
    ['same length in characters but not in bytes', 'é'.repeat(40), false],
  ])('%s → %s', (_name, received, expected) => {
    expect(signatureMatches(good, received)).toBe(expected);
  });

  it('never throws, whatever arrives', () => {
    for (const received of [null, 42, ['a'], {}] as unknown as string[]) {
      expect(signatureMatches(good, received)).toBe(false);
    }
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (received) => signatureMatches(good, received) === (received === good)));
  });
});
