// 10,000 concurrent getAccessToken() calls on a cold start (empty token store), against the bundled emulator:
// how many token requests reach the platform. Prints one JSON line.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TokenService, WechatMpModule } from '../../dist/lib/index.js';
import { WechatEmulator } from '../../dist/lib/testing/index.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const calls = Number(args.calls ?? 10_000);
const account = { appId: 'wxbenchstampede0001', appSecret: 'bench-stampede-secret-0123456789', token: 'benchtoken' };

const emulator = await WechatEmulator.start({ port: 0, ...account });
try {
  class BenchModule {}
  Module({ imports: [WechatMpModule.forRoot({ ...account, apiBaseUrl: emulator.url, path: false })] })(BenchModule);
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
  const tokens = app.get(TokenService);
  const started = performance.now();
  const results = await Promise.allSettled(Array.from({ length: calls }, () => tokens.getAccessToken()));
  const elapsedMs = performance.now() - started;
  const fulfilled = results.filter((r) => r.status === 'fulfilled').map((r) => r.value);
  await app.close();
  process.stdout.write(
    `${JSON.stringify({
      calls,
      fulfilled: fulfilled.length,
      rejected: calls - fulfilled.length,
      distinctTokens: new Set(fulfilled).size,
      // Requests that reached a token endpoint (the emulator's request log), and the tokens it issued.
      tokenRequests: emulator.requests.filter((r) => /^\/cgi-bin\/(stable_)?token$/.test(r.path)).length,
      tokensIssued: emulator.tokenFetches(account.appId),
      elapsedMs,
    })}\n`,
  );
} finally {
  await emulator.stop();
}
