import axios from 'axios';
import { WechatServices } from '../../lib/api/wechat-services.js';
import { toCustomerServiceMessage } from '../../lib/inbound/late-reply.js';
import { WechatLateReplySender } from '../../lib/inbound/late-reply.sender.js';
import { buildMessage } from '../../lib/message/message-builders.js';
import { Reply } from '../../lib/message/reply.js';
import { MemoryTokenStore } from '../../lib/stores/memory-token.store.js';
import { EMULATOR_DEFAULT_OPENID, WechatEmulator } from '../../lib/testing/index.js';
import { WechatAccounts } from '../../lib/wechat-accounts.js';
import { resolveAccounts } from '../../lib/wechat-mp.options-resolver.js';
import { captureLogs } from '../api/api-test-kit.js';

describe('toCustomerServiceMessage', () => {
  const article = (title: string) => ({ title, description: 'd', url: 'https://example.com/', picUrl: 'https://example.com/p.png' });
  it.each([
    ['text', Reply.text('你好'), { type: 'text', content: '你好' }, 0],
    ['image', Reply.image('MEDIA_1'), { type: 'image', mediaId: 'MEDIA_1' }, 0],
    ['voice', Reply.voice('MEDIA_2'), { type: 'voice', mediaId: 'MEDIA_2' }, 0],
    ['video', Reply.video({ mediaId: 'V', title: 't', description: 'd' }), { type: 'video', mediaId: 'V', title: 't', description: 'd' }, 0],
    [
      'music',
      Reply.music({ title: 't', musicUrl: 'https://example.com/a.mp3', hqMusicUrl: 'https://example.com/b.mp3', thumbMediaId: 'T' }),
      { type: 'music', title: 't', musicUrl: 'https://example.com/a.mp3', hqMusicUrl: 'https://example.com/b.mp3', thumbMediaId: 'T' },
      0,
    ],
    ['news (one article)', Reply.news([article('a')]), { type: 'news', articles: [article('a')] }, 0],
    ['news (three articles: the first goes)', Reply.news([article('a'), article('b'), article('c')]), { type: 'news', articles: [article('a')] }, 2],
  ] as const)('maps %s to its customer-service type', (_label, reply, message, droppedArticles) => {
    expect(toCustomerServiceMessage(reply)).toEqual({ message, droppedArticles });
  });

  it('cannot map a transfer to customer service (a passive reply only)', () => {
    expect(toCustomerServiceMessage(Reply.transferCustomerService('kf@account'))).toEqual({ reason: 'transfer' });
  });
});

describe('WechatLateReplySender (against the emulator)', () => {
  const APP = { appId: 'wx00000000000late1', appSecret: 'late-reply-secret-000000000000' };
  let emu: WechatEmulator;
  let sender: WechatLateReplySender;
  let logs: ReturnType<typeof captureLogs>;
  const from = (openid: string) => buildMessage('text', { Content: 'slow', FromUserName: openid });

  beforeAll(async () => {
    emu = await WechatEmulator.start(APP);
    const accounts = new WechatAccounts(resolveAccounts({ ...APP, token: 'latetoken', apiBaseUrl: emu.url }));
    sender = new WechatLateReplySender(new WechatServices(accounts, axios.create(), new MemoryTokenStore()));
  });
  afterAll(() => emu.stop());
  beforeEach(() => (logs = captureLogs()));
  afterEach(() => logs.restore());

  const ref = { name: 'default', appId: APP.appId };

  it('sends a text reply to the sender as a customer-service message', async () => {
    expect(await sender.send(ref, from(EMULATOR_DEFAULT_OPENID), Reply.text('迟到的回复'))).toBe(true);
    const sent = emu.sentMessages(APP.appId).at(-1)!;
    expect(sent).toMatchObject({ kind: 'custom', to: EMULATOR_DEFAULT_OPENID, msgtype: 'text', body: { text: { content: '迟到的回复' } } });
  });

  it('sends the first article of a news reply and logs how many were left out', async () => {
    const articles = ['a', 'b', 'c'].map((title) => ({ title, url: 'https://example.com/' }));
    expect(await sender.send(ref, from(EMULATOR_DEFAULT_OPENID), Reply.news(articles))).toBe(true);
    expect(emu.sentMessages(APP.appId).at(-1)).toMatchObject({ msgtype: 'news', body: { news: { articles: [{ title: 'a' }] } } });
    expect(logs.lines.join('\n')).toContain('2 more not sent');
  });

  it('logs a transfer to customer service as not deliverable, sending nothing', async () => {
    const before = emu.sentMessages(APP.appId).length;
    expect(await sender.send(ref, from(EMULATOR_DEFAULT_OPENID), Reply.transferCustomerService())).toBe(false);
    expect(emu.sentMessages(APP.appId)).toHaveLength(before);
    expect(logs.lines.join('\n')).toMatch(/Late reply \("transfer_customer_service"\).*NOT delivered: transfer_customer_service works only as a passive reply/);
  });

  it('logs a send WeChat refuses with its errcode, and no token or secret', async () => {
    expect(await sender.send(ref, from('oNotAFollower000000000000001'), Reply.text('x'))).toBe(false);
    const text = logs.lines.join('\n');
    expect(text).toMatch(/Late reply \("text"\) for account "default" NOT delivered: errcode 40003/);
    expect(text).not.toContain(APP.appSecret);
    expect(text).not.toMatch(/access_token=/);
  });

  it('logs a malformed reply object (a handler literal without articles) instead of throwing', async () => {
    const malformed = { type: 'news' } as unknown as Reply;
    await expect(sender.send(ref, from(EMULATOR_DEFAULT_OPENID), malformed)).resolves.toBe(false);
    expect(logs.lines.join('\n')).toMatch(/Late reply \("news"\) for account "default" NOT delivered/);
  });
});
