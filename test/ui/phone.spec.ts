import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Page } from 'puppeteer-core';
import { renderTicketPng } from '../../lib/testing/png-image.js';
import { LogCapture } from '../support/log-capture.js';
import { LOOPBACK, SHOTS, waitForText, type OpenBrowser } from './chromium.js';
import { closeSamplePage, openSamplePage, type SamplePage } from './sample-page.js';

/**
 * The emulator's page in a real headless Chromium (Debian's package, never a downloaded browser), driving the sample
 * app as a follower would. Controls are found by accessible role and name. Each flow leaves a screenshot in
 * .test-tmp/ui-screenshots/ for a reviewer to look at.
 */
describe('emulator page in Chromium, against the sample app', () => {
  let app: INestApplication;
  let chromium: OpenBrowser;
  let page: Page;
  const logs = new LogCapture();

  let opened: SamplePage | undefined;
  beforeAll(async () => {
    // no WECHAT_APP_ID: the sample starts its bundled emulator and creates its menu there
    opened = await openSamplePage(logs);
    ({ app, chromium, page } = opened);
  }, 90_000);

  afterAll(() => closeSamplePage(opened));

  afterEach(() => {
    expect(chromium.pageErrors).toEqual([]);
  });

  // Browser-side code is given as strings: the spec is typechecked without the DOM library.
  const chatText = () => page.$eval('[role="log"]', (el) => (el as unknown as { innerText: string }).innerText);
  const inPage = (selector: string, text: string) => waitForText(page, selector, text);
  const waitForChat = (text: string) => inPage('[role="log"]', text);
  const send = async (text: string) => {
    await page.locator('::-p-aria(消息[role="textbox"])').fill(text);
    await page.locator('::-p-aria(发送[role="button"])').click();
  };
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

  it("sends a text and shows the sample's echo; HTML in it stays text", async () => {
    await send('你好，公众号 <b>粗体</b> <img src=x>');
    await waitForChat('你说：你好，公众号 <b>粗体</b> <img src=x>');
    // shown as characters, never as elements
    expect(await page.$$eval('[role="log"] b, [role="log"] img[src="x"]', (els) => els.length)).toBe(0);
    await inPage('[role="log"] .status', 'HTTP 200');
    await shot('01-text-echo');
  });

  it("taps the menu's 今日推荐 (API_MENU_P_2) and shows its reply", async () => {
    await page.locator('::-p-aria(今日推荐[role="button"])').click();
    await waitForChat('今日推荐：nestjs-wechat-mp');
    expect(await chatText()).toContain('点击菜单「今日推荐」（CLICK）');
    // a news reply is drawn as WeChat's article card
    await send('news');
    await page.locator('::-p-aria(图文 nestjs-wechat-mp[role="group"])').wait();
    // a card without a cover shows its title and description, nothing else (no stray "null")
    const card = (await page.evaluate(`document.querySelector('[role="group"][aria-label="图文 nestjs-wechat-mp"]').textContent`)) as string;
    expect(card).toContain('Typed WeChat callbacks for NestJS');
    expect(card).not.toContain('null');
    await shot('02-menu-click-and-news');
  });

  it('opens a sub-menu and pushes scancode_push with the result chosen in the dialog', async () => {
    await page.locator('::-p-aria(更多[role="button"])').click();
    await page.locator('::-p-aria(扫一扫[role="menuitem"])').click();
    await page.locator('::-p-aria(扫描结果 ScanResult[role="textbox"])').fill('https://example.com/product/42');
    await shot('03-menu-scan-dialog');
    await page.locator('::-p-aria(确定[role="button"])').click();
    await waitForChat('点击菜单「扫一扫」（scancode_push）');
    // the inspector has the exchange: the event as sent, with the scan result
    await inPage('#panel-pushes', 'event scancode_push');
    await page.evaluate(`[...document.querySelectorAll('#panel-pushes summary')].find((e) => e.textContent.includes('scancode_push')).click()`);
    await inPage('#panel-pushes details[open]', 'https://example.com/product/42');
  });

  it('scans a QR code the app created as a new follower and shows the welcome', async () => {
    await send('qrcode');
    await waitForChat('二维码: http://127.0.0.1');
    await page.locator('::-p-aria(以新粉丝扫码[role="button"])').click();
    await waitForChat('欢迎关注（来自场景 from:');
    expect(await chatText()).toContain('扫码关注（场景 from:');
    // the new follower is selected and listed as following
    const status = await page.$eval('#follower-status', (el) => el.textContent ?? '');
    expect(status).toMatch(/^新用户\d+ 已关注/);
    await shot('04-qr-scan-welcome');
  });

  it('opens a link from the chat in the H5 pane', async () => {
    await page.locator('::-p-aria(发送[role="button"])').wait();
    // switch back to the follower who asked for the code: their chat has its link
    await page.select('#follower', await page.$eval('#follower option', (o) => (o as unknown as { value: string }).value));
    await waitForChat('二维码: http://127.0.0.1');
    await page.evaluate(`[...document.querySelectorAll('[role="log"] a')].at(-1).click()`);
    await page.locator('::-p-aria(网页[role="region"])').wait();
    const src = await page.$eval('iframe[title="H5 页面"]', (f) => (f as unknown as { src: string }).src);
    expect(src).toMatch(/\/cgi-bin\/showqrcode\?ticket=/);
    await shot('05-h5-pane');
    await page.locator('::-p-aria(关闭网页[role="button"])').click();
  });

  it("shows in the H5 pane what a page's JS-SDK script reports (the hook for the emulator's jweixin)", async () => {
    // a stand-in for the emulator's jweixin script inside an H5 page: it reports wx.config's result to the phone
    const report = { source: 'wechat-mp-emulator', kind: 'jssdk', api: 'config', ok: false, message: 'invalid signature: <b>url</b> mismatch' };
    const html = `<title>H5</title><script>parent.postMessage(${JSON.stringify(report)}, '*')</script>`;
    await page.evaluate(`(() => {
      document.getElementById('h5').hidden = false;
      document.getElementById('h5-frame').src = ${JSON.stringify(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`)};
    })()`);
    await inPage('#h5-debug', 'config ✗ invalid signature: <b>url</b> mismatch');
    expect(await page.$$eval('#h5-debug b', (els) => els.length)).toBe(0);
    await page.locator('::-p-aria(关闭网页[role="button"])').click();
  });

  it('sends an image: the uploaded file becomes a media id, and the echoed image is drawn', async () => {
    const file = join(chromium.profile, 'photo.png');
    writeFileSync(file, renderTicketPng('a photo'));
    await page.locator('::-p-aria(更多消息类型[role="button"])').click();
    const [chooser] = await Promise.all([page.waitForFileChooser(), page.locator('::-p-aria(发送图片[role="button"])').click()]);
    await chooser.accept([file]);
    // the follower's image and the app's Reply.image(MediaId) both show the uploaded file
    await page.waitForFunction(`document.querySelectorAll('[role="log"] img.media').length >= 2`, { timeout: 15_000 });
    const sources = await page.$$eval('[role="log"] img.media', (imgs) => imgs.map((i) => (i as unknown as { src: string }).src));
    expect(new Set(sources.slice(-2)).size).toBe(1);
    expect(sources.at(-1)).toMatch(/\/emulator\/files\//);
    await page.locator('::-p-aria(更多消息类型[role="button"])').click();
  });

  it("a push the app never answers shows WeChat's three deliveries and the reason", async () => {
    const url = page.locator('::-p-aria(回调 URL[role="textbox"])');
    const working = await page.$eval('#app-url', (el) => (el as unknown as { value: string }).value);
    await url.fill('http://127.0.0.1:9/wechat');
    await page.locator('::-p-aria(保存配置[role="button"])').click();
    await inPage('#toast', '已保存');
    await send('有人吗');
    await inPage('[role="log"]', '推送失败：no_answer');
    expect(await chatText()).toContain('3 次投递');
    await shot('07-refused-push');
    await url.fill(working);
    await page.locator('::-p-aria(保存配置[role="button"])').click();
    await send('又好了');
    await waitForChat('你说：又好了');
  });

  it('lists the API calls the app made and the token state in the inspector', async () => {
    await page.locator('::-p-aria(API 调用[role="tab"])').click();
    await inPage('#panel-api', '/cgi-bin/qrcode/create');
    const api = await page.$eval('#panel-api', (el) => el.textContent ?? '');
    expect(api).toContain('POST /cgi-bin/menu/create');
    // A long path (the QR image's download) wraps inside the inspector instead of widening the page past the window.
    expect(api).toContain('/emulator/files/');
    const overflow = await page.evaluate(
      "Math.max(document.querySelector('[aria-label=\"检查器\"]').getBoundingClientRect().right, document.querySelector('#panel-api table').getBoundingClientRect().right) - window.innerWidth",
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('06-inspector-api');
    await page.locator('::-p-aria(令牌[role="tab"])').click();
    const tokens = await page.$eval('#panel-tokens', (el) => el.textContent ?? '');
    expect(tokens).toContain('有效');
    // token values are secrets: never on the page
    expect(tokens).not.toMatch(/[A-Za-z0-9_-]{40,}/);
  });

  it('fetched nothing from outside this machine', () => {
    expect(chromium.requested.length).toBeGreaterThan(3);
    expect(chromium.requested.filter((url) => !LOOPBACK.test(url))).toEqual([]);
  });
});
