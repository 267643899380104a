import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { buildMessage, WechatEmulator } from '../../lib/testing/index.js';
import { createSampleApp } from '../../sample/create-sample-app.js';
import { LogCapture } from '../support/log-capture.js';

const account = {
  appId: 'wxsamplefastify001',
  appSecret: 'sample-fastify-app-secret',
  token: 'samplefastifytoken',
  encodingAESKey: 'U2FtcGxlRmFzdGlmeUtleUZvclRoZVNhbXBsZUFwcDA',
};

describe('the sample on Fastify (HTTP_ADAPTER=fastify)', () => {
  let emulator: WechatEmulator;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    emulator = await WechatEmulator.start({ port: 0, ...account });
    ({ app } = await createSampleApp(
      {
        HTTP_ADAPTER: 'fastify',
        WECHAT_APP_ID: account.appId,
        WECHAT_APP_SECRET: account.appSecret,
        WECHAT_TOKEN: account.token,
        WECHAT_ENCODING_AES_KEY: account.encodingAESKey,
        WECHAT_API_BASE_URL: emulator.url,
        WECHAT_SYNC_MENU: 'false',
        WECHAT_REQUIRE_ENCRYPTION: 'true',
      },
      { logger: new LogCapture() },
    ));
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/wechat`;
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  it('runs on Fastify and answers a safe-mode text, refusing plaintext with WECHAT_REQUIRE_ENCRYPTION=true', async () => {
    expect(app.getHttpAdapter().getType()).toBe('fastify');
    const safe = await emulator.push(url, buildMessage('text', { Content: 'fastify 你好' }), { mode: 'safe' });
    expect(safe.error).toBeUndefined();
    expect(safe.reply).toMatchObject({ reply: { type: 'text', content: '你说：fastify 你好' } });
    const plain = await emulator.push(url, buildMessage('text', { Content: 'plain' }), { mode: 'plain' });
    expect(plain.attempts[0]).toMatchObject({ status: 401 });
  });
});
