import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * WeChat's callback signature: sort the parts lexicographically, join them, SHA-1, lowercase hex.
 * `signature` signs [token, timestamp, nonce]; `msg_signature` adds the Encrypt value.
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Access_Overview.html
 *
 * The default sort compares UTF-16 code units; every part WeChat signs is ASCII (token, digits, base64),
 * where that equals the byte order of the official samples.
 */
export function computeSignature(parts: readonly string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/**
 * Compares a computed signature with the one received, in constant time for equal lengths.
 * Missing, non-string or different-length input is `false`, never an exception.
 */
export function signatureMatches(expected: string, received: string | undefined): boolean {
  if (typeof expected !== 'string' || typeof received !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
