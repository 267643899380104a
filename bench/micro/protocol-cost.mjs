// The protocol work per callback, in process and warm: the sample app's inbound services (an application context,
// no HTTP) run each step of bench/lib/step-timers.mjs in a loop over distinct signed callbacks, for plaintext and
// safe mode. Their sum, added to the bare route's cost, is the physical limit the HTTP targets are set against.
// `node bench/micro/protocol-cost.mjs [--messages=60000]`; prints one JSON line.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { MessageCrypto, WechatInboundService, computeSignature } from '../../dist/lib/index.js';
import { WechatDispatcher } from '../../dist/lib/handlers/wechat.dispatcher.js';
import { WechatInboundPipeline } from '../../dist/lib/inbound/inbound.pipeline.js';
import { AppModule } from '../../dist/sample/app.module.js';
import { loadSampleConfig } from '../../dist/sample/sample.config.js';
import { BENCH_ACCOUNT } from '../lib/bench-account.mjs';
import { STEPS } from '../lib/step-timers.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const messages = Number(args.messages ?? 60_000);
const WARM_UP = Math.min(10_000, Math.floor(messages / 4));

// The same configuration as the benchmark's sample server.
const config = loadSampleConfig({
  WECHAT_TOKEN: BENCH_ACCOUNT.token,
  WECHAT_ENCODING_AES_KEY: BENCH_ACCOUNT.encodingAESKey,
  WECHAT_API_BASE_URL: 'http://127.0.0.1:9',
  WECHAT_REQUIRE_ENCRYPTION: 'false',
});
const app = await NestFactory.createApplicationContext(AppModule.register(config), { logger: ['error'] });
const inbound = app.get(WechatInboundService);
const pipeline = app.get(WechatInboundPipeline);
const dispatcher = app.get(WechatDispatcher);
const protocol = inbound.protocol; // the framework-free core the service wraps
const runtime = protocol.defaultRuntime;
const crypto = new MessageCrypto(BENCH_ACCOUNT.encodingAESKey, BENCH_ACCOUNT.appId);
const timestamp = String(Math.floor(Date.now() / 1000));

/** Distinct callbacks as the HTTP pool sends them: query, content type and body text. */
function callbacks(mode, count, offset) {
  const out = new Array(count);
  for (let i = 0; i < count; i++) {
    const nonce = String(100000 + i);
    const plaintext =
      `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[oBenchUser]]></FromUserName>` +
      `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content>` +
      `<MsgId>${BigInt(offset) * 10n ** 9n + BigInt(i)}</MsgId></xml>`;
    const query = { signature: computeSignature([BENCH_ACCOUNT.token, timestamp, nonce]), timestamp, nonce, openid: 'oBenchUser' };
    let body = plaintext;
    if (mode === 'safe') {
      const encrypt = crypto.encrypt(plaintext);
      Object.assign(query, { encrypt_type: 'aes', msg_signature: computeSignature([BENCH_ACCOUNT.token, timestamp, nonce, encrypt]) });
      body = `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    }
    out[i] = { query, body };
  }
  return out;
}

/** CPU µs per item of `run` over `items[from, to)` (awaited one by one, as a server does per request). */
async function cpuPerItem(items, run, from = WARM_UP, to = items.length) {
  for (let i = 0; i < from; i++) await run(items[i], i);
  const start = process.cpuUsage();
  for (let i = from; i < to; i++) await run(items[i], i);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / (to - from);
}

const result = { messages, warmUp: WARM_UP, modes: {} };
let offset = 7_000_000;
for (const mode of ['plain', 'safe']) {
  const items = callbacks(mode, messages, offset++);
  const posts = items.map((c) => protocol.verifyPost(runtime, c.query, 'text/xml'));
  const micros = {};
  micros.verify = await cpuPerItem(items, (c) => protocol.verifyQuery(runtime, c.query));
  // Results are not kept inside a measured loop: holding them would add GC work a server does not have.
  micros.open = await cpuPerItem(items, (c, i) => protocol.open(posts[i], c.body));
  const opened = items.map((c, i) => protocol.open(posts[i], c.body));
  const dispatchOnly = await cpuPerItem(opened, (o) => dispatcher.dispatch(o.message, o.context));
  // The pipeline on first deliveries (fresh MsgIds), less the dispatch it contains.
  const fresh = callbacks(mode, messages, offset++).map((c) => protocol.open(protocol.verifyPost(runtime, c.query, 'text/xml'), c.body));
  micros.dedupe = (await cpuPerItem(fresh, (o) => pipeline.process(o))) - dispatchOnly;
  micros.dispatch = dispatchOnly;
  const reply = { type: 'text', content: '你说：hello' };
  micros.seal = await cpuPerItem(opened, (o) => protocol.seal(o, reply));
  const steps = STEPS.map((s) => ({ id: s.id, label: s.label, micros: Number(micros[s.id].toFixed(2)) }));
  result.modes[mode] = { steps, totalMicros: Number(steps.reduce((sum, s) => sum + s.micros, 0).toFixed(2)) };
}
// Kept for the targets table: what dedupe and the deadline add to a callback (plaintext).
result.dedupeAndDeadlineMicros = result.modes.plain.steps.find((s) => s.id === 'dedupe').micros;
process.stdout.write(`${JSON.stringify(result)}\n`);
await app.close();
