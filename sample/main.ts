import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createSampleApp } from './create-sample-app.js';

const { app, config } = await createSampleApp(process.env);
await (config.host ? app.listen(config.port, config.host) : app.listen(config.port));
new Logger('Sample').log(`WeChat callback URL: http://${config.host ?? '127.0.0.1'}:${config.port}/wechat`);
