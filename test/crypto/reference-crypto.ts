import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * An independent, deliberately plain implementation of the 消息加解密 scheme, written from the technical-scheme
 * text (and shaped like ../../../shared/tools/sample-contract-check.mjs), used to cross-check MessageCrypto.
 */
const aesKey = (encodingAESKey: string) => Buffer.from(encodingAESKey + '=', 'base64');

/** AES-256-CBC over bytes the caller already padded (or deliberately did not). */
export function rawEncrypt(encodingAESKey: string, bytes: Buffer): string {
  const key = aesKey(encodingAESKey);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(bytes), cipher.final()]).toString('base64');
}

export function rawDecrypt(encodingAESKey: string, b64: string): Buffer {
  const key = aesKey(encodingAESKey);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(Buffer.from(b64, 'base64')), decipher.final()]);
}

/** random(16) + msg_len(4, big endian) + msg + appid, PKCS#7 to 32. */
export function referencePlaintext(plaintext: string, appId: string, random: Buffer = randomBytes(16)): Buffer {
  const msg = Buffer.from(plaintext, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length);
  const body = Buffer.concat([random, len, msg, Buffer.from(appId, 'utf8')]);
  const pad = 32 - (body.length % 32);
  return Buffer.concat([body, Buffer.alloc(pad, pad)]);
}

export function referenceEncrypt(encodingAESKey: string, appId: string, plaintext: string, random?: Buffer): string {
  return rawEncrypt(encodingAESKey, referencePlaintext(plaintext, appId, random));
}

export function referenceDecrypt(encodingAESKey: string, b64: string): { plaintext: string; appId: string; pad: number } {
  const full = rawDecrypt(encodingAESKey, b64);
  const pad = full[full.length - 1]!;
  const body = full.subarray(0, full.length - pad);
  const n = body.readUInt32BE(16);
  return { plaintext: body.subarray(20, 20 + n).toString('utf8'), appId: body.subarray(20 + n).toString('utf8'), pad };
}
