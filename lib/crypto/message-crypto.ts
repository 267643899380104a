import { createCipheriv, createDecipheriv, createSecretKey, randomFillSync, type Cipher, type Decipher, type KeyObject } from 'node:crypto';
import { WechatConfigError } from '../errors/wechat-config.error.js';
import { WechatInboundError } from '../errors/wechat-inbound.error.js';
import { CRYPTO_MESSAGES as M } from './crypto.messages.js';
import { checkEncodingAESKey } from './encoding-aes-key.js';

/**
 * WeChat's message encryption (消息加解密, compatible and safe modes), per the technical scheme:
 * - AESKey = Base64_Decode(EncodingAESKey + "="), 32 bytes; AES-256-CBC; IV = the first 16 bytes of the key.
 * - plaintext = random(16 bytes) + msg_len(4 bytes, network order) + msg + AppID, PKCS#7-padded to a multiple of
 *   **32** bytes (not AES's 16, so Node's auto padding is off and we pad/unpad ourselves); output base64.
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Message_encryption_and_decryption_instructions.html
 *       https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/Before_Develop/Technical_Plan.html
 *
 * Key, IV and the AES contexts are set up once here (see `ChainedCbc`). Verify `msg_signature` before calling
 * `decrypt`, so a forged body never reaches the padding check.
 */
export interface MessageCryptoOptions {
  /** Source of the 16 random prefix bytes; only for known-answer tests. Defaults to a pooled CSPRNG. */
  randomBytes?: (size: 16) => Uint8Array;
}

const BLOCK = 32;
const HEADER = 20;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const LINE_BREAKS = /[\r\n]/g;

// Random prefixes come from a pooled CSPRNG: one randomFillSync per 256 messages instead of one each.
const POOL_SIZE = 16 * 256;
let pool = Buffer.allocUnsafe(0);
let poolOffset = 0;
function pooledRandom16(target: Buffer): void {
  if (poolOffset + 16 > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_SIZE));
    poolOffset = 0;
  }
  pool.copy(target, 0, poolOffset, poolOffset + 16);
  poolOffset += 16;
}

function invalid(message: string, cause?: unknown): WechatInboundError {
  return new WechatInboundError('encrypt_invalid', message, cause === undefined ? undefined : { cause });
}

/**
 * One AES-256-CBC context per direction, created once and never finalized: creating a cipher costs more than
 * encrypting a whole callback (OpenSSL 3 looks the algorithm up each time). A CBC context carries its chaining
 * value from one `update()` to the next — the last ciphertext block — so every message starts by cancelling it:
 * the first block is XORed with (chain XOR IV) before encryption, or after decryption. The output is exactly
 * that of a fresh context with the IV. Inputs are whole blocks and padding is off, so `update()` returns every
 * byte at once and never throws.
 */
class ChainedCbc {
  readonly #chain: Buffer;
  constructor(
    readonly context: Cipher | Decipher,
    private readonly iv: Buffer,
    private readonly encrypting: boolean,
  ) {
    context.setAutoPadding(false);
    this.#chain = Buffer.from(iv);
  }

  /** `input` is a whole number of blocks; it is modified (encryption) or the output is (decryption). */
  run(input: Buffer): Buffer {
    const chain = this.#chain;
    const iv = this.iv;
    if (this.encrypting) for (let i = 0; i < 16; i++) input[i]! ^= chain[i]! ^ iv[i]!;
    const output = this.context.update(input);
    if (output.length !== input.length) throw new Error('AES context out of step');
    if (!this.encrypting) for (let i = 0; i < 16; i++) output[i]! ^= chain[i]! ^ iv[i]!;
    (this.encrypting ? output : input).copy(chain, 0, input.length - 16);
    return output;
  }
}

export class MessageCrypto {
  readonly #key: KeyObject;
  readonly #iv: Buffer;
  readonly #appId: Buffer;
  readonly #randomBytes?: (size: 16) => Uint8Array;
  #encryptor: ChainedCbc;
  #decryptor: ChainedCbc;

  constructor(encodingAESKey: string, appId: string, options: MessageCryptoOptions = {}) {
    const reason = checkEncodingAESKey(encodingAESKey);
    if (reason) throw new WechatConfigError('encodingAESKey', reason);
    if (typeof appId !== 'string' || appId === '') throw new WechatConfigError('appId', M.appIdEmpty);
    const raw = Buffer.from(`${encodingAESKey}=`, 'base64');
    this.#key = createSecretKey(raw);
    this.#iv = Buffer.from(raw.subarray(0, 16));
    raw.fill(0);
    this.#appId = Buffer.from(appId, 'utf8');
    this.#randomBytes = options.randomBytes;
    this.#encryptor = this.#cbc(true);
    this.#decryptor = this.#cbc(false);
  }

  #cbc(encrypting: boolean): ChainedCbc {
    const context = encrypting ? createCipheriv('aes-256-cbc', this.#key, this.#iv) : createDecipheriv('aes-256-cbc', this.#key, this.#iv);
    return new ChainedCbc(context, this.#iv, encrypting);
  }

  /** Encrypts a reply (or, in the emulator, a callback) for this account; returns base64. */
  encrypt(plaintext: string): string {
    const msgLength = Buffer.byteLength(plaintext, 'utf8');
    const unpadded = HEADER + msgLength + this.#appId.length;
    const pad = BLOCK - (unpadded % BLOCK);
    const full = Buffer.allocUnsafe(unpadded + pad);
    if (this.#randomBytes) full.set(this.#randomBytes(16).subarray(0, 16), 0);
    else pooledRandom16(full);
    full.writeUInt32BE(msgLength, 16);
    full.write(plaintext, HEADER, msgLength, 'utf8');
    this.#appId.copy(full, HEADER + msgLength);
    full.fill(pad, unpadded);
    try {
      return this.#encryptor.run(full).toString('base64');
    } catch (error) {
      this.#encryptor = this.#cbc(true);
      throw error;
    }
  }

  /**
   * Decrypts an `Encrypt` value and checks it was meant for this account.
   * @throws WechatInboundError `encrypt_invalid` (not base64, bad length, bad padding, bad length field) or
   *         `appid_mismatch` (the trailing AppID is not this account's).
   */
  decrypt(encrypted: string): string {
    if (typeof encrypted !== 'string') throw invalid(M.notString);
    // The scheme says MIME base64, which may wrap lines; WeChat sends one line, but tolerate CR/LF.
    const b64 = encrypted.includes('\n') || encrypted.includes('\r') ? encrypted.replace(LINE_BREAKS, '') : encrypted;
    if (b64 === '') throw invalid(M.empty);
    if (b64.length % 4 !== 0 || !BASE64.test(b64)) throw invalid(M.notBase64);
    const ciphertext = Buffer.from(b64, 'base64');
    if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) throw invalid(M.blockLength(ciphertext.length));

    let full: Buffer;
    try {
      full = this.#decryptor.run(ciphertext);
    } catch (error) {
      this.#decryptor = this.#cbc(false);
      throw invalid(M.cipherFailed, error);
    }

    const pad = full[full.length - 1]!;
    if (pad < 1 || pad > BLOCK || pad > full.length) throw invalid(M.badPadding(pad));
    for (let i = full.length - pad; i < full.length - 1; i++) {
      if (full[i] !== pad) throw invalid(M.badPadding(pad));
    }
    const end = full.length - pad;
    if (end < HEADER) throw invalid(M.tooShort);
    const msgLength = full.readUInt32BE(16);
    if (msgLength > end - HEADER) throw invalid(M.lengthOutOfBounds);
    const msgEnd = HEADER + msgLength;
    if (!this.#appId.equals(full.subarray(msgEnd, end))) {
      throw new WechatInboundError('appid_mismatch', M.appIdMismatch);
    }
    return full.toString('utf8', HEADER, msgEnd);
  }
}
