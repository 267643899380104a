import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { Reply, type NewsArticle } from '../../lib/index.js';
import { renderReplyXml } from '../../lib/message/reply-serializer.js';
import { WechatEmulator } from '../../lib/testing/index.js';
import { xmlField } from '../support/wechat-wire.js';
import { APP } from '../testing/emulator-helpers.js';
import { LOOPBACK, SHOTS, openChromium, waitForText, type OpenBrowser } from './chromium.js';

/**
 * The page draws every kind of passive reply as WeChat does, and never breaks on what an app sends back: HTML stays
 * text, a malformed reply is shown with its reason. The app here is a stub answering by the text it receives.
 */
const articles = (n: number): NewsArticle[] =>
  Array.from({ length: n }, (_, i) => ({ title: `第${i + 1}篇 <i>文章</i>`, description: '摘要', url: `http://127.0.0.1:9/a${i + 1}` }));

const REPLIES: Record<string, Reply | string> = {
  html: Reply.text('点这里 <a href="http://127.0.0.1:9/page">打开页面</a>，还有 <script>alert(1)</script> 和 <img src=x onerror=alert(2)>'),
  news: Reply.news(articles(3)),
  music: Reply.music({ title: '晴天', description: '周杰伦', musicUrl: 'http://127.0.0.1:9/song.mp3', thumbMediaId: 'thumb-1' }),
  video: Reply.video({ mediaId: 'no-such-media', title: '发布会', description: '回放' }),
  bad: '<xml><MsgType><![CDATA[text]]></MsgType><Content>unclosed',
  nonreply: '<xml><ToUserName><![CDATA[o]]></ToUserName><FromUserName><![CDATA[gh]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[sticker]]></MsgType></xml>',
};

describe('emulator page in Chromium: how replies are drawn', () => {
  let emulator: WechatEmulator;
  let server: Server;
  let chromium: OpenBrowser;
  let page: Page;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const from = xmlField(body, 'FromUserName') ?? '';
        // events (subscribe) get 8 articles: WeChat draws all of them for an event
        const reply = xmlField(body, 'MsgType') === 'event' ? Reply.news(articles(8)) : REPLIES[xmlField(body, 'Content') ?? ''];
        res.writeHead(200, { 'Content-Type': 'text/xml' });
        res.end(reply === undefined ? 'success' : typeof reply === 'string' ? reply : renderReplyXml(reply, from, 'gh_stub', 1));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    emulator = await WechatEmulator.start({
      port: 0,
      ...APP,
      app: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`, mode: 'plain' },
    });
    chromium = await openChromium();
    page = chromium.page;
    await page.goto(emulator.pageUrl, { waitUntil: 'load' });
    await page.locator('::-p-aria(发送[role="button"])').wait();
  }, 90_000);

  afterAll(async () => {
    await chromium?.close();
    await emulator?.stop();
    await new Promise((r) => server?.close(r));
  });

  afterEach(() => {
    expect(chromium.pageErrors).toEqual([]);
  });

  const send = async (text: string) => {
    await page.locator('::-p-aria(消息[role="textbox"])').fill(text);
    await page.locator('::-p-aria(发送[role="button"])').click();
  };
  const inChat = (text: string) => waitForText(page, '[role="log"]', text);

  it('shows HTML in a text reply as text, with only <a href> made a link', async () => {
    await send('html');
    await inChat('<script>alert(1)</script>');
    expect(await page.$$eval('[role="log"] script, [role="log"] img[src="x"]', (els) => els.length)).toBe(0);
    const links = await page.$$eval('[role="log"] a', (els) => els.map((a) => [(a as unknown as { textContent: string }).textContent, a.getAttribute('href')]));
    expect(links).toEqual([['打开页面', 'http://127.0.0.1:9/page']]);
  });

  it('draws a news reply to a message with its first article only, noting the rest', async () => {
    await send('news');
    await inChat('另有 2 篇图文微信不显示');
    expect(await page.locator('::-p-aria(图文 第1篇 <i>文章</i>[role="group"])').wait()).toBeTruthy();
    expect(await page.$$eval('[role="log"] i', (els) => els.length)).toBe(0);
  });

  it('draws a news reply to an event with all its articles (up to 8)', async () => {
    await page.locator('::-p-aria(新粉丝关注[role="button"])').click();
    await inChat('第8篇 <i>文章</i>');
    expect(await page.$$eval('[role="log"] .card .item', (els) => els.length)).toBe(7);
    await page.screenshot({ path: join(SHOTS, '08-news-event-8-articles.png') });
  });

  it('draws music and video replies, a video whose media the emulator lacks as a placeholder', async () => {
    await send('music');
    await inChat('晴天');
    await send('video');
    await inChat('发布会');
    await page.screenshot({ path: join(SHOTS, '09-music-video.png') });
  });

  it('shows a malformed reply and an unknown reply type as errors, with the reason', async () => {
    await send('bad');
    await inChat('推送失败：reply_malformed');
    await send('nonreply');
    await waitForText(page, '[role="log"]', 'sticker');
    await page.evaluate(`document.querySelector('[role="log"]').scrollTop = 1e6`);
    await page.screenshot({ path: join(SHOTS, '10-reply-errors.png') });
    const text = await page.$eval('[role="log"]', (el) => (el as unknown as { innerText: string }).innerText);
    expect(text.match(/推送失败：reply_malformed/g)).toHaveLength(2);
  });

  it('fetched nothing from outside this machine', () => {
    expect(chromium.requested.filter((url) => !LOOPBACK.test(url))).toEqual([]);
  });
});
