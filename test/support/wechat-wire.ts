/**
 * An independent, minimal implementation of WeChat's callback wire format (signatures, AES envelope), written
 * from the official docs for the tests: e2e specs sign and encrypt with this, not with the library under test.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomInt } from 'node:crypto';

export const sha1Sorted = (parts: string[]) => createHash('sha1').update([...parts].sort().join('')).digest('hex');

export function aesEncrypt(encodingAESKey: string, appId: string, message: string): string {
  const key = Buffer.from(encodingAESKey + '=', 'base64');
  const body = Buffer.from(message);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  let full = Buffer.concat([randomBytes(16), length, body, Buffer.from(appId)]);
  const pad = 32 - (full.length % 32);
  full = Buffer.concat([full, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(full), cipher.final()]).toString('base64');
}

export function aesDecrypt(encodingAESKey: string, encrypted: string): { message: string; appId: string } {
  const key = Buffer.from(encodingAESKey + '=', 'base64');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  const full = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
  const body = full.subarray(0, full.length - full[full.length - 1]);
  const length = body.readUInt32BE(16);
  return { message: body.subarray(20, 20 + length).toString(), appId: body.subarray(20 + length).toString() };
}

/** The text of `<tag>` in a flat WeChat XML document (CDATA or plain). */
export function xmlField(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${tag}>`).exec(xml);
  return match ? (match[1] ?? match[2]) : undefined;
}

export const cdata = (value: string) => `<![CDATA[${value}]]>`;
export const nowSeconds = () => String(Math.floor(Date.now() / 1000));

/** A flat WeChat XML document; digits-only values unquoted as WeChat sends them. */
export function xmlOf(fields: Record<string, string>): string {
  return `<xml>${Object.entries(fields)
    .map(([k, v]) => `<${k}>${/^\d+$/.test(v) ? v : cdata(v)}</${k}>`)
    .join('')}</xml>`;
}

export interface SignedRequest {
  query: URLSearchParams;
  body: string;
}

export interface Account {
  token: string;
  appId: string;
  encodingAESKey?: string;
}

/** Signs (and for compatible/safe, encrypts) a plaintext XML callback as WeChat would. */
export function signCallback(
  account: Account,
  plaintextXml: string,
  mode: 'plain' | 'compatible' | 'safe',
  overrides: { timestamp?: string; nonce?: string } = {},
): SignedRequest {
  const timestamp = overrides.timestamp ?? nowSeconds();
  const nonce = overrides.nonce ?? String(randomInt(1e9));
  const query = new URLSearchParams({
    signature: sha1Sorted([account.token, timestamp, nonce]),
    timestamp,
    nonce,
    openid: xmlField(plaintextXml, 'FromUserName') ?? 'oUser',
  });
  if (mode === 'plain') return { query, body: plaintextXml };
  const encrypt = aesEncrypt(account.encodingAESKey!, account.appId, plaintextXml);
  query.set('encrypt_type', 'aes');
  query.set('msg_signature', sha1Sorted([account.token, timestamp, nonce, encrypt]));
  const body =
    mode === 'safe'
      ? `<xml><ToUserName>${cdata(xmlField(plaintextXml, 'ToUserName') ?? '')}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt></xml>`
      : plaintextXml.replace('</xml>', `<Encrypt>${cdata(encrypt)}</Encrypt></xml>`);
  return { query, body };
}

/** Checks an encrypted reply's MsgSignature and decrypts it; throws when it does not verify. */
export function openEncryptedReply(account: Account, replyXml: string): { xml: string; appId: string } {
  const encrypt = xmlField(replyXml, 'Encrypt');
  const signature = xmlField(replyXml, 'MsgSignature');
  const timeStamp = xmlField(replyXml, 'TimeStamp');
  const nonce = xmlField(replyXml, 'Nonce');
  if (!encrypt || !signature || !timeStamp || !nonce) throw new Error(`not an encrypted reply: ${replyXml.slice(0, 200)}`);
  if (sha1Sorted([account.token, timeStamp, nonce, encrypt]) !== signature) throw new Error('reply MsgSignature does not verify');
  const { message, appId } = aesDecrypt(account.encodingAESKey!, encrypt);
  return { xml: message, appId };
}
