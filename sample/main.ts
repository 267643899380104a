import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createSampleApp } from './create-sample-app.js';
import { SamplePlatform } from './sample-platform.js';

const { app, config } = await createSampleApp(process.env);
await (config.host ? app.listen(config.port, config.host) : app.listen(config.port));
const callbackUrl = `http://${config.host ?? '127.0.0.1'}:${config.port}/wechat`;
app.get(SamplePlatform).useCallbackUrl(callbackUrl);
new Logger('Sample').log(`WeChat callback URL: ${callbackUrl}`);
