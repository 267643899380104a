// Resident memory over many distinct messages through the real inbound path, in process: WechatInboundService.open
// (signature, timestamp, parse, normalize), WechatInboundPipeline.process (dedupe when present, dispatch to an
// echo handler) and seal (the passive reply). Run with --expose-gc. Prints one JSON line.
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  OnText,
  WECHAT_DEDUPE_STORE,
  WechatInboundService,
  WechatMessage,
  WechatMpModule,
  computeSignature,
} from '../../dist/lib/index.js';
import { WechatInboundPipeline } from '../../dist/lib/inbound/inbound.pipeline.js';
import { REQUEST_KEYS } from '../../dist/lib/wechat-mp.constants.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const messages = Number(args.messages ?? 1_000_000);
const WARM_UP = 5_000;
const account = { appId: 'wxbenchdedupe000001', token: 'benchtoken' };
const MiB = 1024 * 1024;

class Echo {
  echo(message) {
    return `你说：${message.Content}`;
  }
}
OnText()(Echo.prototype, 'echo', Object.getOwnPropertyDescriptor(Echo.prototype, 'echo'));
WechatMessage()(Echo.prototype, 'echo', 0);
Injectable()(Echo);
class BenchModule {}
Module({ imports: [WechatMpModule.forRoot({ ...account, path: false })], providers: [Echo] })(BenchModule);

const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
const inbound = app.get(WechatInboundService);
const pipeline = app.get(WechatInboundPipeline);
let dedupe = 'absent (the pipeline has no dedupe store yet)';
try {
  dedupe = app.get(WECHAT_DEDUPE_STORE, { strict: false }).constructor.name;
} catch {
  // not provided by this version of the module
}

const base = 7_000_000_000_000_000n;
let timestamp = '';
let signature = '';
/** A fresh, valid request object as the HTTP layer hands it over (raw body already captured). */
function request(i) {
  if (i % 10_000 === 0) {
    timestamp = String(Math.floor(Date.now() / 1000));
    signature = computeSignature([account.token, timestamp, '42']);
  }
  const body =
    `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[oUser${i % 5000}]]></FromUserName>` +
    `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello ${i}]]></Content>` +
    `<MsgId>${base + BigInt(i)}</MsgId></xml>`;
  return {
    method: 'POST',
    url: '/wechat',
    headers: { 'content-type': 'text/xml' },
    query: { signature, timestamp, nonce: '42' },
    params: {},
    [REQUEST_KEYS.rawBody]: Buffer.from(body),
  };
}

async function handle(i) {
  const opened = await inbound.open(request(i));
  const sealed = inbound.seal(opened, await pipeline.process(opened));
  if (!sealed.body.includes(`hello ${i}]]>`)) throw new Error(`message ${i}: unexpected answer ${sealed.body.slice(0, 200)}`);
}

const settle = async () => {
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await new Promise((r) => setTimeout(r, 50));
  }
  return process.memoryUsage();
};

for (let i = 0; i < WARM_UP; i++) await handle(i);
const start = await settle();
// RSS after a full GC at every quarter: a bounded store levels off, a leak keeps climbing.
const samples = [];
let busy = 0;
for (let quarter = 1; quarter <= 4; quarter++) {
  const from = WARM_UP + ((quarter - 1) * messages) / 4;
  const to = WARM_UP + (quarter * messages) / 4;
  const t = performance.now();
  for (let i = from; i < to; i++) await handle(i);
  busy += performance.now() - t;
  const settled = await settle();
  samples.push({ messages: to - WARM_UP, rssMiB: settled.rss / MiB, heapMiB: settled.heapUsed / MiB });
}
const elapsed = busy / 1000;
const end = process.memoryUsage();
await app.close();

const growth = (end.rss - start.rss) / MiB;
process.stdout.write(
  `${JSON.stringify({
    description:
      `In process, ${messages} distinct plaintext text messages (unique MsgId) through WechatInboundService.open → ` +
      `WechatInboundPipeline.process → seal; dedupe store: ${dedupe}; measured after ${WARM_UP} warm-up messages and full GCs.`,
    dedupe,
    messages,
    rssStartMiB: start.rss / MiB,
    rssEndMiB: end.rss / MiB,
    heapStartMiB: start.heapUsed / MiB,
    heapEndMiB: end.heapUsed / MiB,
    growthMiBPerMillion: (growth * 1_000_000) / messages,
    /** Growth over the second half alone: near zero when memory is bounded. */
    secondHalfGrowthMiB: (samples[3].rssMiB - samples[1].rssMiB),
    samples,
    perSecond: messages / elapsed,
  })}\n`,
);
