import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { createSampleApp } from './create-sample-app.js';
import { SamplePlatform } from './sample-platform.js';

const { app, config } = await createSampleApp(process.env);
await (config.host ? app.listen(config.port, config.host) : app.listen(config.port));
const port = (app.getHttpServer().address() as AddressInfo).port;
const callbackUrl = `http://${config.host ?? '127.0.0.1'}:${port}/wechat`;
const logger = new Logger('Sample');
logger.log(`WeChat callback URL: ${callbackUrl}`);
const pageUrl = app.get(SamplePlatform).connectPage(callbackUrl);
if (pageUrl) logger.log(`Emulator page (chat as a follower, menu, QR codes, inspector): ${pageUrl}`);
