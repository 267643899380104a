import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { buildEvent, buildMessage, WechatEmulator } from '../../lib/testing/index.js';
import { WechatServices } from '../../lib/index.js';
import { createSampleApp } from '../../sample/create-sample-app.js';
import { SampleMenuSync } from '../../sample/sample-menu.js';
import { LogCapture } from '../support/log-capture.js';
import { nowSeconds, openEncryptedReply, sha1Sorted, signCallback, xmlField, xmlOf } from '../support/wechat-wire.js';

const account = {
  appId: 'wxsamplee2e0000001',
  appSecret: 'sample-e2e-app-secret-value',
  token: 'samplee2etoken',
  encodingAESKey: 'U2FtcGxlRTJFS2V5Rm9yVGhlU2FtcGxlQXBwMDEyMzQ',
};
const env = (apiBaseUrl: string, extra: Record<string, string> = {}) => ({
  WECHAT_APP_ID: account.appId,
  WECHAT_APP_SECRET: account.appSecret,
  WECHAT_TOKEN: account.token,
  WECHAT_ENCODING_AES_KEY: account.encodingAESKey,
  WECHAT_API_BASE_URL: apiBaseUrl,
  WECHAT_MAX_TIMESTAMP_SKEW: '300',
  // These specs also post plaintext callbacks; with an EncodingAESKey the module refuses them by default.
  WECHAT_REQUIRE_ENCRYPTION: 'false',
  ...extra,
});

async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `${await app.getUrl()}/wechat`;
}

const user = 'oSampleUser0001';
const TAGGED = 'oSampleTagged0002';
const message = (fields: Record<string, string>) => xmlOf({ ToUserName: 'gh_sample', FromUserName: user, CreateTime: nowSeconds(), ...fields });

describe('sample app, against the emulator', () => {
  let emulator: WechatEmulator;
  let app: INestApplication;
  let url: string;
  const logs = new LogCapture();

  beforeAll(async () => {
    emulator = await WechatEmulator.start({ port: 0, ...account, followers: [{ openid: TAGGED, subscribeTime: 1_700_000_000, tags: ['VIP', '北京'] }] });
    ({ app } = await createSampleApp(env(emulator.url, { WECHAT_SYNC_MENU: 'true' }), { logger: logs }));
    url = await listen(app);
    await app.get(SampleMenuSync).done;
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  const post = async (xml: string, mode: 'plain' | 'compatible' | 'safe' = 'plain') => {
    const { query, body } = signCallback(account, xml, mode);
    const res = await fetch(`${url}?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
    const text = await res.text();
    return { status: res.status, raw: text, xml: mode === 'plain' || text === 'success' ? text : openEncryptedReply(account, text).xml };
  };

  it('created its menu in the emulator at startup', () => {
    expect(JSON.stringify(emulator.menu(account.appId))).toContain('API_MENU_P_2');
  });

  it('answers the handshake', async () => {
    const timestamp = nowSeconds();
    const res = await fetch(`${url}?${new URLSearchParams({ signature: sha1Sorted([account.token, timestamp, '1']), timestamp, nonce: '1', echostr: 'e2e-echo' })}`);
    expect(await res.text()).toBe('e2e-echo');
  });

  it.each([
    ['plain', '23942570635195977'],
    ['compatible', '23942570635195978'],
    ['safe', '23942570635195979'],
  ] as const)('echoes a text verbatim in %s mode', async (mode, msgId) => {
    const content = `  ${mode} 你好 <tag> & ]]> end  `;
    const res = await post(message({ MsgType: 'text', Content: content.replace(']]>', ']] >'), MsgId: msgId }), mode);
    expect(res.status).toBe(200);
    expect(xmlField(res.xml, 'MsgType')).toBe('text');
    expect(xmlField(res.xml, 'Content')).toContain(content.replace(']]>', ']] >'));
    expect(xmlField(res.xml, 'ToUserName')).toBe(user);
  });

  it('welcomes a subscriber and answers the API_MENU_P_2 click with text', async () => {
    const welcome = await post(message({ MsgType: 'event', Event: 'subscribe', EventKey: '' }));
    expect(xmlField(welcome.xml, 'Content')).toContain('欢迎关注');
    const click = await post(message({ MsgType: 'event', Event: 'CLICK', EventKey: 'API_MENU_P_2' }));
    expect(xmlField(click.xml, 'MsgType')).toBe('text');
    expect(xmlField(click.xml, 'Content')).toContain('今日推荐');
  });

  it('answers anything without a handler with success', async () => {
    const res = await post(message({ MsgType: 'brand_new_type', Foo: 'bar' }));
    expect(res).toMatchObject({ status: 200, raw: 'success' });
    const click = await post(message({ MsgType: 'event', Event: 'CLICK', EventKey: 'NO_SUCH_KEY' }));
    expect(click.raw).toBe('success');
  });

  it('replies to an image with the same image, and to QR scans (new and existing followers) with their scene', async () => {
    const image = await post(message({ MsgType: 'image', PicUrl: 'http://mmbiz.qpic.cn/x/0', MediaId: 'MEDIA_1', MsgId: '1' }));
    expect(image.xml).toContain('<MediaId><![CDATA[MEDIA_1]]></MediaId>');
    const subscribe = await post(message({ MsgType: 'event', Event: 'subscribe', EventKey: 'qrscene_promo42', Ticket: 'T' }));
    expect(xmlField(subscribe.xml, 'Content')).toContain('欢迎关注（来自场景 promo42）');
    const scan = await post(message({ MsgType: 'event', Event: 'SCAN', EventKey: 'promo42', Ticket: 'T' }));
    expect(xmlField(scan.xml, 'Content')).toBe('扫码场景：promo42');
  });

  it('uses QrcodeService on demand: "qrcode" creates a ticket in the emulator and replies with its image URL', async () => {
    const before = emulator.qrTickets(account.appId).length;
    const res = await post(message({ MsgType: 'text', Content: 'qrcode', MsgId: '2' }));
    const tickets = emulator.qrTickets(account.appId);
    expect(tickets.length).toBe(before + 1);
    const ticket = tickets[tickets.length - 1].ticket;
    expect(xmlField(res.xml, 'Content')).toContain(`showqrcode?ticket=${encodeURIComponent(ticket)}`);
  });

  it('answers "me" with the follower\'s subscribe time and tag names, read through UserService and TagService', async () => {
    const res = await post(xmlOf({ ToUserName: 'gh_sample', FromUserName: TAGGED, CreateTime: nowSeconds(), MsgType: 'text', Content: 'me', MsgId: '3' }));
    // 1700000000 is 2023-11-14 22:13:20 UTC, 2023-11-15 06:13 in Beijing
    expect(xmlField(res.xml, 'Content')).toBe('你于 2023/11/15 06:13 关注本公众号；标签：VIP、北京');
    const paths = emulator.requests.map((r) => r.path);
    expect(paths).toEqual(expect.arrayContaining(['/cgi-bin/user/info', '/cgi-bin/tags/getidlist', '/cgi-bin/tags/get']));
    const stranger = await post(xmlOf({ ToUserName: 'gh_sample', FromUserName: 'oNeverSubscribed', CreateTime: nowSeconds(), MsgType: 'text', Content: 'me', MsgId: '4' }));
    expect(xmlField(stranger.xml, 'Content')).toBe('你还没有关注本公众号。');
  });

  describe('driven by the emulator, as WeChat would', () => {
    it.each(['plain', 'compatible', 'safe'] as const)('%s mode: a text gets its typed echo in one delivery', async (mode) => {
      const result = await emulator.push(url, buildMessage('text', { Content: `push ${mode} 你好`, FromUserName: user }), { mode });
      expect(result.error).toBeUndefined();
      expect(result).toMatchObject({ status: 200, deliveries: 1, encrypted: mode !== 'plain' });
      expect(result.reply).toMatchObject({ toUser: user, reply: { type: 'text', content: `你说：push ${mode} 你好` } });
    });

    it('a subscribe pushed by the emulator makes a follower whom "me" then finds, tagged once a tag is set', async () => {
      const fan = 'oSampleNewFan0003';
      await emulator.push(url, buildEvent('subscribe', { FromUserName: fan }));
      const services = app.get(WechatServices).forAccount();
      const { subscribe_time } = await services.user.getInfo(fan);
      const since = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' })
        .formatToParts(new Date(subscribe_time! * 1000))
        .reduce((acc, p) => ({ ...acc, [p.type]: p.value }), {} as Record<string, string>);
      const when = `${since.year}/${since.month!.padStart(2, '0')}/${since.day!.padStart(2, '0')} ${since.hour!.padStart(2, '0')}:${since.minute}`;
      const first = await emulator.push(url, buildMessage('text', { Content: 'me', FromUserName: fan }));
      expect(first.reply).toMatchObject({ reply: { type: 'text', content: `你于 ${when} 关注本公众号；标签：无` } });
      const tag = await services.tag.create('新粉丝');
      await services.tag.tagUsers(tag.id, [fan]);
      const second = await emulator.push(url, buildMessage('text', { Content: 'ME', FromUserName: fan }));
      expect(second.reply).toMatchObject({ reply: { content: `你于 ${when} 关注本公众号；标签：新粉丝` } });
      await emulator.push(url, buildEvent('unsubscribe', { FromUserName: fan }));
      expect(emulator.followers(account.appId)).not.toContain(fan);
    });

    it.each(['plain', 'safe'] as const)('%s mode, JSON format: the menu click answers in JSON', async (mode) => {
      const result = await emulator.push(url, buildEvent('CLICK', { EventKey: 'API_MENU_P_2' }), { mode, format: 'json' });
      expect(result.error).toBeUndefined();
      expect(result.reply).toMatchObject({ reply: { type: 'text', content: expect.stringContaining('今日推荐') } });
    });

    it.each(['plain', 'compatible', 'safe'] as const)(
      '%s mode: a slow answer makes the emulator retry; every delivery waits for the one run, the last gets its reply',
      async (mode) => {
        const result = await emulator.push(url, buildMessage('text', { Content: 'sleep 1', FromUserName: user }), { mode, timeoutMs: 400 });
        expect(result.attempts.map((a) => a.outcome)).toEqual(['timeout', 'timeout', 'answered']);
        expect(result.deliveries).toBe(3);
        expect(result.error).toBeUndefined();
        expect(result.reply).toMatchObject({ reply: { type: 'text', content: '睡了 1 秒' } });
      },
    );
  });

  it('never logs a secret', () => {
    expect(logs.text()).toContain('Menu created');
    for (const secret of [account.appSecret, account.encodingAESKey, account.token]) expect(logs.text()).not.toContain(secret);
  });
});

describe('sample app, API unreachable', () => {
  it('starts anyway, logs why the menu was not created, and keeps answering callbacks', async () => {
    const logs = new LogCapture();
    const { app } = await createSampleApp(env('http://127.0.0.1:9', { WECHAT_SYNC_MENU: 'true' }), { logger: logs });
    try {
      const url = await listen(app);
      await app.get(SampleMenuSync).done;
      expect(logs.text()).toMatch(/Menu not created/);
      const { query, body } = signCallback(account, message({ MsgType: 'text', Content: 'still up', MsgId: '3' }), 'plain');
      const res = await fetch(`${url}?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
      expect(xmlField(await res.text(), 'Content')).toContain('still up');
    } finally {
      await app.close();
    }
  });
});
