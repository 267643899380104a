import { hash } from 'node:crypto';

/**
 * WeChat's callback signature: sort the parts lexicographically, join them, SHA-1, lowercase hex.
 * `signature` signs [token, timestamp, nonce]; `msg_signature` adds the Encrypt value.
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Access_Overview.html
 *
 * The default sort compares UTF-16 code units; every part WeChat signs is ASCII (token, digits, base64),
 * where that equals the byte order of the official samples.
 */
export function computeSignature(parts: readonly string[]): string {
  // One-shot `crypto.hash` (Node ≥ 20.12; the package needs ≥ 20.19) skips creating a Hash object.
  return hash('sha1', [...parts].sort().join(''), 'hex');
}

/**
 * Compares a computed signature with the one received, in constant time for equal lengths.
 * Missing, non-string or different-length input is `false`, never an exception.
 */
export function signatureMatches(expected: string, received: string | undefined): boolean {
  if (typeof expected !== 'string' || typeof received !== 'string' || expected.length !== received.length) return false;
  // Every code unit is compared whatever the earlier ones were (no early exit), without allocating buffers.
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ received.charCodeAt(i);
  return difference === 0;
}
