import type { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { loadSampleConfig, type SampleConfig } from './sample.config.js';

/** Builds the sample app from an environment (process.env in `main.ts`, a plain object in tests). */
export async function createSampleApp(
  env: Record<string, string | undefined>,
  options: { logger?: LoggerService } = {},
): Promise<{ app: INestApplication; config: SampleConfig }> {
  const config = loadSampleConfig(env);
  // A plain NestFactory.create: the module must cope with Nest's default body parsers.
  const app = await NestFactory.create(AppModule.register(config), { logger: options.logger ?? ['error', 'warn', 'log'] });
  app.enableShutdownHooks();
  return { app, config };
}
