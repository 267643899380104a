// The sample app with inbound steps cut out, for bench/breakdown.mjs: `node breakdown-server.mjs <cut> <adapter>`,
// where <cut> is how many steps are replaced by constants, last first:
//   0 full path · 1 no dedupe/deadline (dispatch only) · 2 no dispatch (a fixed reply)
//   3 no open (the first request's verified message reused) · 4 no seal (a fixed answer)
// Diagnostic only: it patches the built classes' prototypes in this process. Prints `{"port":N}`.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { WechatInboundPipeline, WechatInboundService } from '../../dist/lib/index.js';
import { AppModule } from '../../dist/sample/app.module.js';
import { loadSampleConfig } from '../../dist/sample/sample.config.js';
import { BENCH_ACCOUNT } from '../lib/bench-account.mjs';

const [cutArg, adapterName = 'express'] = process.argv.slice(2);
const cut = Number(cutArg);
const fixedReply = { type: 'text', content: '你说：hello' };

if (cut >= 1) {
  WechatInboundPipeline.prototype.process = function (opened) {
    return this.dispatcher.dispatch(opened.message, opened.context);
  };
}
if (cut >= 2) WechatInboundPipeline.prototype.process = async () => fixedReply;
if (cut >= 3) {
  const open = WechatInboundService.prototype.open;
  let first;
  WechatInboundService.prototype.open = function (req) {
    first ??= open.call(this, req);
    return first;
  };
}
if (cut >= 4) {
  const sealed = { body: '<xml><Content><![CDATA[fixed]]></Content></xml>', contentType: 'application/xml; charset=utf-8' };
  WechatInboundService.prototype.seal = () => sealed;
}

const adapter =
  adapterName === 'fastify' ? new (await import('@nestjs/platform-fastify')).FastifyAdapter() : new (await import('@nestjs/platform-express')).ExpressAdapter();
const config = loadSampleConfig({
  WECHAT_TOKEN: BENCH_ACCOUNT.token,
  WECHAT_ENCODING_AES_KEY: BENCH_ACCOUNT.encodingAESKey,
  WECHAT_API_BASE_URL: 'http://127.0.0.1:9',
  WECHAT_REQUIRE_ENCRYPTION: 'false',
});
const app = await NestFactory.create(AppModule.register(config), adapter, { logger: ['error', 'warn'] });
await app.listen(0, '127.0.0.1');
process.stdout.write(`${JSON.stringify({ port: app.getHttpServer().address().port })}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
