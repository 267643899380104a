import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { loadSampleConfig, type SampleConfig } from './sample.config.js';

/** Builds the sample app from an environment (process.env in `main.ts`, a plain object in tests). */
export async function createSampleApp(
  env: Record<string, string | undefined>,
  options: { logger?: LoggerService } = {},
): Promise<{ app: INestApplication; config: SampleConfig }> {
  const config = loadSampleConfig(env);
  const logger: LoggerService | LogLevel[] = options.logger ?? ['error', 'warn', 'log'];
  const module = AppModule.register(config);
  // A plain NestFactory.create: the module must cope with Nest's default body parsers, on either platform.
  let app: INestApplication;
  if (config.httpAdapter === 'fastify') {
    // Loaded only when asked for: an Express deployment needs no Fastify installed.
    const { FastifyAdapter } = await import('@nestjs/platform-fastify');
    app = await NestFactory.create(module, new FastifyAdapter(), { logger });
  } else {
    app = await NestFactory.create(module, { logger });
  }
  app.enableShutdownHooks();
  return { app, config };
}
