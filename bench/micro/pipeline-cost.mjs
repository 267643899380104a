// CPU per callback spent in the pipeline's own steps (dedupe + reply deadline), in process: the same opened
// messages through (a) the dispatcher alone, (b) WechatInboundPipeline.process with the default MemoryDedupeStore
// and the 4 s deadline. `node bench/micro/pipeline-cost.mjs [--messages=200000]`; prints one JSON line.
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { OnText, WechatInboundPipeline, WechatInboundService, WechatMessage, WechatMpModule, computeSignature } from '../../dist/lib/index.js';
import { WechatDispatcher } from '../../dist/lib/handlers/wechat.dispatcher.js';
import { REQUEST_KEYS } from '../../dist/lib/wechat-mp.constants.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const messages = Number(args.messages ?? 200_000);
const account = { appId: 'wxbenchpipeline0001', token: 'benchtoken' };

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
const dispatcher = app.get(WechatDispatcher);

const timestamp = String(Math.floor(Date.now() / 1000));
const signature = computeSignature([account.token, timestamp, '42']);
const opened = [];
for (let i = 0; i < messages; i++) {
  const body =
    `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[oUser${i % 5000}]]></FromUserName>` +
    `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello ${i}]]></Content>` +
    `<MsgId>${7_000_000_000_000_000n + BigInt(i)}</MsgId></xml>`;
  opened.push(
    await inbound.open({ method: 'POST', url: '/wechat', headers: { 'content-type': 'text/xml' }, query: { signature, timestamp, nonce: '42' }, params: {}, [REQUEST_KEYS.rawBody]: Buffer.from(body) }),
  );
}

async function cpuPerCall(label, run, from, to) {
  const start = process.cpuUsage();
  for (let i = from; i < to; i++) await run(opened[i]);
  const used = process.cpuUsage(start);
  return { label, microsPerCall: (used.user + used.system) / (to - from) };
}

const half = Math.floor(messages / 2);
// Warm up both paths on the first tenth, then measure on distinct messages (dedupe sees first deliveries only).
await cpuPerCall('warm', (o) => dispatcher.dispatch(o.message, o.context), 0, Math.floor(half / 5));
await cpuPerCall('warm', (o) => pipeline.process(o), Math.floor(half / 5), Math.floor(half / 2.5));
const direct = await cpuPerCall('dispatcher.dispatch alone', (o) => dispatcher.dispatch(o.message, o.context), Math.floor(half / 2.5), half);
const full = await cpuPerCall('pipeline.process (dedupe + deadline + dispatch)', (o) => pipeline.process(o), half, messages);
process.stdout.write(
  `${JSON.stringify({ messages, directMicros: +direct.microsPerCall.toFixed(2), pipelineMicros: +full.microsPerCall.toFixed(2), dedupeAndDeadlineMicros: +(full.microsPerCall - direct.microsPerCall).toFixed(2) })}\n`,
);
await app.close();
