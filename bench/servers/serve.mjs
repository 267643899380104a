// One benchmark server per process: `node bench/servers/serve.mjs <kind> <adapter>`.
//   kind    bare   – a bare Nest endpoint: POST /wechat reads the body as text and answers a fixed XML reply
//           sample – the sample app (dist/sample) exactly as `npm start` builds it, minus the emulator
//           webot  – node-webot's `wechat@2` middleware on a plain Express app (how its README mounts it)
//           sample-timed – the sample with step timers (bench/lib/step-timers.mjs); prints `{"steps":…}` (totals
//                  so far) on SIGUSR2 and when told to stop
//           bare-timed – the bare endpoint with the GC observer alone, printing the same way
//   adapter express | fastify (webot: express only)
// Prints one JSON line `{"port":N}` when listening; exits when stdin closes (the driver died or is done).
import 'reflect-metadata';
import { createRequire } from 'node:module';
import { BENCH_ACCOUNT } from '../lib/bench-account.mjs';

const [kind, adapterName = 'express'] = process.argv.slice(2);
const require = createRequire(import.meta.url);

/** `__decorate` without a compiler: class decorators, then method decorators with their descriptors. */
function decorate(target, classDecorators, methods = {}) {
  for (const [name, decorators] of Object.entries(methods)) {
    let descriptor = Object.getOwnPropertyDescriptor(target.prototype, name);
    for (const d of [...decorators].reverse()) descriptor = d(target.prototype, name, descriptor) ?? descriptor;
    Object.defineProperty(target.prototype, name, descriptor);
  }
  for (const d of [...classDecorators].reverse()) target = d(target) ?? target;
  return target;
}

async function createAdapter() {
  if (adapterName === 'fastify') {
    const { FastifyAdapter } = await import('@nestjs/platform-fastify');
    return new FastifyAdapter();
  }
  const { ExpressAdapter } = await import('@nestjs/platform-express');
  return new ExpressAdapter();
}

/** The passive reply the sample sends for a text message, as a constant: what the bare endpoint answers. */
const FIXED_REPLY =
  '<xml><ToUserName><![CDATA[oBenchUser]]></ToUserName><FromUserName><![CDATA[gh_bench]]></FromUserName>' +
  '<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你说：hello]]></Content></xml>';

async function bare() {
  const { Body, Controller, Header, HttpCode, Module, Post } = await import('@nestjs/common');
  const { NestFactory } = await import('@nestjs/core');
  class BareController {
    receive(body) {
      if (typeof body !== 'string') throw new Error('bench: the bare endpoint did not get a text body');
      return FIXED_REPLY;
    }
  }
  decorate(BareController, [Controller('wechat')], {
    receive: [Post(), HttpCode(200), Header('Content-Type', 'application/xml; charset=utf-8')],
  });
  Reflect.defineMetadata('design:paramtypes', [String], BareController.prototype, 'receive');
  Body()(BareController.prototype, 'receive', 0);
  class BareModule {}
  decorate(BareModule, [Module({ controllers: [BareController] })]);
  const app = await NestFactory.create(BareModule, await createAdapter(), { logger: ['error', 'warn'] });
  // The least any XML endpoint must do: read the body as text (Fastify refuses unknown content types).
  if (adapterName === 'fastify') {
    app.getHttpAdapter().getInstance().addContentTypeParser(['text/xml', 'application/xml'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  } else {
    app.useBodyParser('text', { type: ['text/xml', 'application/xml'] });
  }
  return app;
}

async function sample() {
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../../dist/sample/app.module.js');
  const { loadSampleConfig } = await import('../../dist/sample/sample.config.js');
  // The sample's own configuration path; an unused API base URL keeps the emulator (and the menu sync) out of the
  // process. Defaults stay on: timestamp window, dedupe, reply deadline. Nothing is logged per request.
  const config = loadSampleConfig({
    WECHAT_TOKEN: BENCH_ACCOUNT.token,
    WECHAT_ENCODING_AES_KEY: BENCH_ACCOUNT.encodingAESKey,
    WECHAT_API_BASE_URL: 'http://127.0.0.1:9',
    // The bench posts plaintext callbacks too; with a key the module refuses them unless told otherwise.
    WECHAT_REQUIRE_ENCRYPTION: 'false',
  });
  if (config.appId !== BENCH_ACCOUNT.appId) throw new Error(`bench: the sample's dev AppID is now ${config.appId}; update bench-account.mjs`);
  return NestFactory.create(AppModule.register(config), await createAdapter(), { logger: ['error', 'warn'] });
}

async function webot() {
  if (adapterName !== 'express') throw new Error('bench: node-webot runs on Express only');
  const express = require('express');
  const wechat = require('wechat');
  const app = express();
  const config = { token: BENCH_ACCOUNT.token, appid: BENCH_ACCOUNT.appId, encodingAESKey: BENCH_ACCOUNT.encodingAESKey };
  app.use('/wechat', wechat(config, wechat.text((message, _req, res) => res.reply(`你说：${message.Content}`))));
  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        const server = app.listen(port, host, (error) => (error ? reject(error) : resolve(server)));
      }),
    getHttpServer() {
      return this.server;
    },
  };
}

let readSteps;
async function sampleTimed() {
  const { installStepTimers } = await import('../lib/step-timers.mjs');
  readSteps = installStepTimers();
  return sample();
}

async function bareTimed() {
  const { observeGc } = await import('../lib/step-timers.mjs');
  const totals = {};
  observeGc(totals);
  readSteps = () => ({ totalsNs: { ...totals }, sealed: 0 });
  return bare();
}

const factories = { bare, sample, webot, 'sample-timed': sampleTimed, 'bare-timed': bareTimed };
if (!factories[kind]) throw new Error(`bench: unknown server kind "${kind}"`);
const app = await factories[kind]();
const listening = await app.listen(0, '127.0.0.1');
const server = kind === 'webot' ? listening : app.getHttpServer();
process.stdout.write(`${JSON.stringify({ port: server.address().port, pid: process.pid })}\n`);
process.stdin.resume();
const printSteps = (then) => process.stdout.write(`${JSON.stringify({ steps: readSteps() })}\n`, then);
if (readSteps) process.on('SIGUSR2', () => printSteps());
process.stdin.on('end', () => (readSteps ? printSteps(() => process.exit(0)) : process.exit(0)));
process.on('SIGTERM', () => process.exit(0));
