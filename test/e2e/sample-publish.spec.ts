import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { PublishService } from '../../lib/api/freepublish/freepublish.service.js';
import { SubscribeService } from '../../lib/api/subscribe/subscribe.service.js';
import { buildMessage, WechatEmulator } from '../../lib/testing/index.js';
import { createSampleApp } from '../../sample/create-sample-app.js';
import { newClient } from '../api/api-test-kit.js';
import { LogCapture } from '../support/log-capture.js';

const account = {
  appId: 'wxsamplepublish0001',
  appSecret: 'sample-publish-app-secret-value',
  token: 'samplepublishtoken',
  encodingAESKey: 'U2FtcGxlUHVibGlzaEtleUZvclRoZVNhbXBsZUFwcDA',
};
const user = 'oSamplePublisher000000000001';

describe('sample app: publish → PUBLISHJOBFINISH → customer-service message, and a 订阅通知 from a handler (against the emulator)', () => {
  let emulator: WechatEmulator;
  let app: INestApplication;
  let url: string;
  let publish: PublishService;
  const logs = new LogCapture();

  beforeAll(async () => {
    emulator = await WechatEmulator.start({ port: 0, ...account, jobDelayMs: 50 });
    ({ app } = await createSampleApp(
      {
        WECHAT_APP_ID: account.appId,
        WECHAT_APP_SECRET: account.appSecret,
        WECHAT_TOKEN: account.token,
        WECHAT_ENCODING_AES_KEY: account.encodingAESKey,
        WECHAT_API_BASE_URL: emulator.url,
        WECHAT_SYNC_MENU: 'false',
      },
      { logger: logs },
    ));
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/wechat`;
    // the account's 服务器配置: the platform's own events (PUBLISHJOBFINISH, subscribe_msg_*) go to the app, encrypted
    emulator.setCallback(url, { mode: 'safe' });
    publish = new PublishService(newClient(emulator.url, { account: { appId: account.appId, appSecret: account.appSecret } }).client);
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  const say = (content: string) => emulator.push(url, buildMessage('text', { Content: content, FromUserName: user }), { mode: 'safe' });
  const customerMessagesTo = (openid: string) => emulator.sentMessages(account.appId).filter((m) => m.kind === 'custom' && m.to === openid);

  it('publishes a draft with a generated cover and sends the follower the article URL when PUBLISHJOBFINISH arrives', async () => {
    const answer = await say('publish 我的第一篇文章');
    expect(answer.error).toBeUndefined();
    expect(answer.reply).toMatchObject({ reply: { type: 'text', content: expect.stringContaining('已提交发布') } });
    const publishId = /publish_id (\d+)/.exec(JSON.stringify(answer.reply))![1]!;

    // the cover is a permanent PNG the sample generated and uploaded
    const cover = emulator.media(account.appId).find((m) => m.kind === 'permanent' && m.type === 'image');
    expect(cover?.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');

    await emulator.idle();
    const finished = emulator.platformPushes(account.appId).find((p) => p.event === 'PUBLISHJOBFINISH');
    expect(finished).toMatchObject({ delivered: true, result: { status: 200, encrypted: false } });

    const status = await publish.getStatus(publishId);
    expect(status).toMatchObject({ publish_status: 0, article_id: expect.any(String) });
    const [article] = await publish.getArticle(status.article_id!);
    expect(article).toMatchObject({ title: '我的第一篇文章', thumb_media_id: cover!.mediaId });

    const [sent] = customerMessagesTo(user);
    expect(sent?.body).toEqual({ touser: user, msgtype: 'text', text: { content: `文章已发布：${article!.url}` } });
  });

  it('tells the follower when publishing fails', async () => {
    emulator.failNextPublish({ status: 3 }, account.appId);
    await say('publish 会失败的文章');
    await emulator.idle();
    expect(customerMessagesTo(user).at(-1)?.body).toMatchObject({ text: { content: '发布失败（publish_status 3）' } });
  });

  it('answers a follower accepting a 订阅通知 template with a first notification (bizsend from the popup handler)', async () => {
    const subscribe = new SubscribeService(newClient(emulator.url, { account: { appId: account.appId, appSecret: account.appSecret } }).client);
    const templateId = await subscribe.addTemplate(1001, [1, 2], '文章发布');
    const popup = await emulator.subscribeDecision(user, { templateId, status: 'accept' }, account.appId);
    expect(popup).toMatchObject({ delivered: true });
    await emulator.idle();
    const notification = emulator.sentMessages(account.appId).find((m) => m.kind === 'subscribe');
    expect(notification).toMatchObject({
      to: user,
      body: { template_id: templateId, data: { thing1: { value: expect.stringContaining('订阅成功') }, time2: { value: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/) } } },
    });
    expect(emulator.platformPushes(account.appId).some((p) => p.event === 'subscribe_msg_sent_event' && p.delivered)).toBe(true);
  });
});
