// Promises and timers per callback in the sample's own inbound services, in process (async_hooks): what dispatching
// to a handler (Nest's ExternalContextCreator and the handler), the pipeline (dedupe, deadline) and answer() add.
// For bench/async-count.mjs; prints one JSON line.
import 'reflect-metadata';
import { createHook } from 'node:async_hooks';
import { NestFactory } from '@nestjs/core';
import { WechatInboundService, computeSignature } from '../../dist/lib/index.js';
import { WechatDispatcher } from '../../dist/lib/handlers/wechat.dispatcher.js';
import { REQUEST_KEYS } from '../../dist/lib/wechat-mp.constants.js';
import { AppModule } from '../../dist/sample/app.module.js';
import { loadSampleConfig } from '../../dist/sample/sample.config.js';
import { BENCH_ACCOUNT } from '../lib/bench-account.mjs';

const config = loadSampleConfig({
  WECHAT_TOKEN: BENCH_ACCOUNT.token,
  WECHAT_ENCODING_AES_KEY: BENCH_ACCOUNT.encodingAESKey,
  WECHAT_API_BASE_URL: 'http://127.0.0.1:9',
  WECHAT_REQUIRE_ENCRYPTION: 'false',
});
const app = await NestFactory.createApplicationContext(AppModule.register(config), { logger: ['error'] });
const inbound = app.get(WechatInboundService);
const dispatcher = app.get(WechatDispatcher);
const created = { PROMISE: 0, Timeout: 0 };
createHook({
  init(_id, type) {
    if (type in created) created[type]++;
  },
}).enable();

const timestamp = String(Math.floor(Date.now() / 1000));
let sequence = 0;
/** A captured plaintext text callback, opened (no promise: the route opens captured bodies synchronously). */
function opened() {
  sequence++;
  const nonce = String(sequence);
  const body =
    `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[oBenchUser]]></FromUserName>` +
    `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content>` +
    `<MsgId>${8_000_000_000 + sequence}</MsgId></xml>`;
  const query = { signature: computeSignature([BENCH_ACCOUNT.token, timestamp, nonce]), timestamp, nonce };
  return inbound.openOnce({ method: 'POST', url: '/wechat', headers: { 'content-type': 'text/xml' }, query, params: {}, [REQUEST_KEYS.rawBody]: Buffer.from(body) });
}

/** Resources created per call of `step`, less those of the measuring loop itself (an await of a resolved promise). */
async function perCall(step) {
  const count = async (run) => {
    for (let i = 0; i < 50; i++) await run();
    const before = { ...created };
    for (let i = 0; i < 500; i++) await run();
    return Object.fromEntries(Object.keys(created).map((t) => [t, (created[t] - before[t]) / 500]));
  };
  const loop = await count(async () => opened());
  const measured = await count(async () => step(opened()));
  return Object.fromEntries(Object.keys(created).map((t) => [t, measured[t] - loop[t]]));
}

const result = {
  dispatch: await perCall((o) => dispatcher.dispatch(o.message, o.context)),
  handle: await perCall((o) => inbound.handle(o)),
  answer: await perCall((o) => inbound.answer(o, () => inbound.handle(o))),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
await app.close();
