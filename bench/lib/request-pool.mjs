// Pools of distinct, valid, signed (and for safe mode encrypted) callback requests, built before a run so the
// driver does the same cheap work per request for every server. Each request carries its own MsgId, so the
// sample's dedupe never short-circuits a measured request.
import { randomBytes } from 'node:crypto';
import { MessageCrypto, computeSignature } from '../../dist/lib/index.js';
import { BENCH_ACCOUNT } from './bench-account.mjs';

const crypto = new MessageCrypto(BENCH_ACCOUNT.encodingAESKey, BENCH_ACCOUNT.appId);
const runId = BigInt(`0x${randomBytes(3).toString('hex')}`) * 10n ** 12n;
let sequence = 0n;

const cdata = (value) => `<![CDATA[${value}]]>`;

/** A text message as WeChat sends it (field order and formatting of the official sample). */
function textMessage(msgId, createTime) {
  return (
    `<xml><ToUserName>${cdata('gh_bench')}</ToUserName><FromUserName>${cdata('oBenchUser')}</FromUserName>` +
    `<CreateTime>${createTime}</CreateTime><MsgType>${cdata('text')}</MsgType><Content>${cdata('hello')}</Content>` +
    `<MsgId>${msgId}</MsgId></xml>`
  );
}

/**
 * `size` requests for `mode` ('plain' | 'safe'), signed with the current time: build the pool right before the
 * run it feeds (the servers refuse timestamps more than 300 s off).
 */
export function buildPool(mode, size) {
  const pool = new Array(size);
  const timestamp = String(Math.floor(Date.now() / 1000));
  for (let i = 0; i < size; i++) {
    const msgId = String(runId + ++sequence);
    const nonce = String(100000 + (i % 900000));
    const plaintext = textMessage(msgId, timestamp);
    const signature = computeSignature([BENCH_ACCOUNT.token, timestamp, nonce]);
    const base = `/wechat?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&openid=oBenchUser`;
    if (mode === 'plain') {
      pool[i] = { method: 'POST', path: base, headers: { 'content-type': 'text/xml' }, body: plaintext };
      continue;
    }
    const encrypt = crypto.encrypt(plaintext);
    const msgSignature = computeSignature([BENCH_ACCOUNT.token, timestamp, nonce, encrypt]);
    pool[i] = {
      method: 'POST',
      path: `${base}&encrypt_type=aes&msg_signature=${msgSignature}`,
      headers: { 'content-type': 'text/xml' },
      body: `<xml><ToUserName>${cdata('gh_bench')}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt></xml>`,
    };
  }
  return pool;
}

/** The opposite of the pool: decrypts a safe-mode answer, to check each server really replied. */
export function openReply(mode, body) {
  if (mode === 'plain') return body;
  const encrypt = /<Encrypt><!\[CDATA\[([^\]]*)\]\]><\/Encrypt>/.exec(body)?.[1];
  if (!encrypt) throw new Error(`not an encrypted reply: ${body.slice(0, 120)}`);
  return crypto.decrypt(encrypt);
}
