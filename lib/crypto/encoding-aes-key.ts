import { CRYPTO_MESSAGES } from './crypto.messages.js';

const ENCODING_AES_KEY = /^[A-Za-z0-9]{43}$/;

/**
 * Checks an EncodingAESKey: exactly 43 letters and digits, as the 公众平台 generates it
 * (base64 of the 32-byte AES key without its trailing `=`).
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Message_encryption_and_decryption_instructions.html
 *
 * @returns `null` when valid, otherwise the reason (never echoing the value).
 */
export function checkEncodingAESKey(value: unknown): string | null {
  if (typeof value !== 'string') return CRYPTO_MESSAGES.keyNotString;
  if (value.length !== 43) return CRYPTO_MESSAGES.keyLength(value.length);
  if (!ENCODING_AES_KEY.test(value)) return CRYPTO_MESSAGES.keyAlphabet;
  return null;
}
