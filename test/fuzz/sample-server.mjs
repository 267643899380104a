// The sample app as `npm start` runs it (development defaults, bundled emulator, Nest's console logger), on the
// adapter named in argv[2] ('express' | 'fastify'), listening on a free loopback port. Spawned by the fuzz spec,
// which reads everything it prints. Needs `npm run build` (dist/).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../dist/sample/app.module.js';
import { createSampleApp } from '../../dist/sample/create-sample-app.js';
import { loadSampleConfig } from '../../dist/sample/sample.config.js';

const adapter = process.argv[2] ?? 'express';
const env = { ...process.env, PORT: '0', HOST: '127.0.0.1' };
let app;
if (adapter === 'fastify') {
  const { FastifyAdapter } = await import('@nestjs/platform-fastify');
  app = await NestFactory.create(AppModule.register(loadSampleConfig(env)), new FastifyAdapter(), { logger: ['error', 'warn', 'log'] });
  app.enableShutdownHooks();
} else {
  ({ app } = await createSampleApp(env));
}
await app.listen(0, '127.0.0.1');
process.stdout.write(`FUZZ-READY ${JSON.stringify({ port: app.getHttpServer().address().port })}\n`);
// Exit with the parent: stdin closes when the spec ends (or dies).
process.stdin.resume();
process.stdin.on('end', () => app.close().then(() => process.exit(0)));
