/**
 * Every error text of the crypto layer, in one place. None of them may contain key material, a token,
 * or any part of a decrypted payload.
 */
export const CRYPTO_MESSAGES = {
  keyNotString: 'must be a string',
  keyLength: (length: number) => `must be exactly 43 characters (got ${length})`,
  keyAlphabet: 'must contain only letters and digits (A-Z, a-z, 0-9), as WeChat generates it',
  appIdEmpty: 'must be a non-empty string',
  notString: 'the Encrypt value is not a string',
  empty: 'the Encrypt value is empty',
  notBase64: 'the Encrypt value is not valid base64',
  blockLength: (bytes: number) => `the ciphertext is ${bytes} bytes, not a non-zero multiple of the 16-byte AES block`,
  cipherFailed: 'AES decryption failed',
  badPadding: (pad: number) => `the decrypted payload has invalid PKCS#7 padding (pad value ${pad}; WeChat pads to 32 bytes)`,
  tooShort: 'the decrypted payload is shorter than the 20-byte random + length header',
  lengthOutOfBounds: 'the message length field of the decrypted payload points past its end',
  appIdMismatch: 'the payload was encrypted for a different AppID than the one configured for this account',
} as const;
