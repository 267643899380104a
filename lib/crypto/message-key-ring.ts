import { MessageCrypto } from './message-crypto.js';

/** A decrypted callback and the key that opened it (its reply is sealed with the same key). */
export interface OpenedCiphertext {
  readonly plaintext: string;
  readonly crypto: MessageCrypto;
}

/**
 * An account's EncodingAESKeys: the current one and, during a rotation, the previous one. The 公众平台 lets the key
 * be changed; its FAQ and technical scheme say to keep the current and the previous key, try the previous one when
 * the current one fails, and encrypt each reply with the key that decrypted its message (WeChat may still be
 * sending with the old one).
 * https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/Before_Develop/Technical_Plan.html
 */
export class MessageKeyRing {
  readonly current: MessageCrypto;
  readonly #previous: MessageCrypto | undefined;

  constructor(encodingAESKey: string, appId: string, previousEncodingAESKey?: string) {
    this.current = new MessageCrypto(encodingAESKey, appId);
    this.#previous = previousEncodingAESKey ? new MessageCrypto(previousEncodingAESKey, appId) : undefined;
  }

  /** Decrypts with the current key, else the previous one; a failure of both throws the current key's error. */
  open(encrypted: string): OpenedCiphertext {
    try {
      return { plaintext: this.current.decrypt(encrypted), crypto: this.current };
    } catch (error) {
      if (this.#previous === undefined) throw error;
      try {
        return { plaintext: this.#previous.decrypt(encrypted), crypto: this.#previous };
      } catch {
        throw error;
      }
    }
  }
}
