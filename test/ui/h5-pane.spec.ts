import 'reflect-metadata';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Frame, Page } from 'puppeteer-core';
import { LogCapture } from '../support/log-capture.js';
import { LOOPBACK, SHOTS, waitForText, type OpenBrowser } from './chromium.js';
import { closeSamplePage, openSamplePage, type SamplePage } from './sample-page.js';

/**
 * The H5 pane of the emulator's page in a real Chromium, against the sample app and its bundled emulator (no AppID:
 * the sample's OAuth base URL is the emulator): the consent screen logs in the follower selected on the page, and
 * the emulator's jweixin stand-in reports wx.config to the pane's "JS-SDK 调试" strip. Screenshots in
 * .test-tmp/ui-screenshots/h5-*.png.
 */
describe('emulator page in Chromium: the H5 pane (OAuth consent, wx.config checks)', () => {
  let app: INestApplication;
  let chromium: OpenBrowser;
  let page: Page;
  let base: string;
  const logs = new LogCapture();

  let opened: SamplePage | undefined;
  beforeAll(async () => {
    opened = await openSamplePage(logs);
    ({ app, chromium, page, base } = opened);
  }, 90_000);

  afterAll(() => closeSamplePage(opened));

  afterEach(() => {
    expect(chromium.pageErrors).toEqual([]);
    // nothing left the machine: open.weixin.qq.com and res.wx.qq.com are played by the emulator
    expect(chromium.requested.filter((url) => !LOOPBACK.test(url))).toEqual([]);
  });

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
  const strip = (text: string) => waitForText(page, '[aria-label="JS-SDK 调试"]', text);
  const pane = async (): Promise<Frame> => {
    const frame = await (await page.waitForSelector('iframe[title="H5 页面"]'))!.contentFrame();
    if (!frame) throw new Error('no H5 frame');
    return frame;
  };
  const frameText = (frame: Frame, selector: string, text: string) =>
    frame.waitForFunction(`document.querySelector(${JSON.stringify(selector)})?.textContent.includes(${JSON.stringify(text)})`, { timeout: 15_000 });

  it('opens /h5/profile in the pane: consent screen for the selected follower, allow, the page greets them by nickname', async () => {
    // a new follower becomes the page's selected follower: the one who "holds the phone"
    await page.locator('::-p-aria(新粉丝关注[role="button"])').click();
    await waitForText(page, '#follower-status', '新用户');
    const status = await page.$eval('#follower-status', (el) => el.textContent ?? '');
    const nickname = /^(\S+) /.exec(status)![1]!;
    const openid = /OpenID (\S+)/.exec(status)![1]!;

    await page.locator('::-p-aria(网页地址[role="textbox"])').fill(`${base}/h5/profile`);
    await page.locator('::-p-aria(在手机中打开[role="button"])').click();
    const frame = await pane();
    // the sample redirected to the emulator's authorize page (its OAuth base URL): WeChat's consent screen
    await frame.locator('::-p-aria(允许[role="button"])').wait();
    await frameText(frame, '#visitor', nickname);
    expect(frame.url()).toContain('/connect/oauth2/authorize?');
    expect(frame.url()).toContain('scope=snsapi_userinfo');
    await shot('h5-01-consent');

    await frame.locator('::-p-aria(允许[role="button"])').click();
    await frameText(frame, '#nickname', nickname);
    await frameText(frame, '#openid', openid);
    // the page's own wx.config, checked by the emulator against its current jsapi_ticket and the page URL
    await strip('config ✓ config:ok');
    await frameText(frame, '#wx-config-status', 'wx.config: ok');
    // the page's title and address reach the pane's bar (the script posts them; another origin is not readable)
    await waitForText(page, '#h5-title', '我的资料');
    await waitForText(page, '#h5-url', `${base}/h5/profile?code=***&state=`);
    await shot('h5-02-profile-and-wx-config-ok');
  });

  it('a page that signs the wrong URL (its query string dropped) gets "wrong URL" in the strip', async () => {
    const pageUrl = `${base}/h5/profile?from=h5pane`;
    await page.locator('::-p-aria(网页地址[role="textbox"])').fill(pageUrl);
    await page.locator('::-p-aria(在手机中打开[role="button"])').click();
    // the login is remembered (no consent this time), and the page signs its own location.href: ok
    await strip('config ✓ config:ok');
    const frame = await pane();
    await frameText(frame, '#nickname', '新用户');
    // the same page now configures with a signature for its URL without the query, a common mistake
    const wrong = `${base}/h5/jssdk-config?url=${encodeURIComponent(`${base}/h5/profile`)}`;
    await frame.evaluate(`fetch(${JSON.stringify(wrong)}).then((r) => r.json()).then((c) => wx.config(c))`);
    await strip(`config ✗ config:invalid signature — wrong URL: signed for "${base}/h5/profile" (the query string is part of the signed URL)`);
    await frameText(frame, '#wx-emulator-config', 'wrong URL');
    await shot('h5-03-wx-config-wrong-url');
  });

  it('shows the jsapi_ticket state in the token tab (no value), and a stale ticket fails wx.config with its reason', async () => {
    await page.locator('::-p-aria(令牌[role="tab"])').click();
    await waitForText(page, '#panel-tokens', 'jsapi_ticket（JS-SDK）');
    const row = () => page.$eval('#panel-tokens tbody tr:last-child', (el) => (el as unknown as { innerText: string }).innerText);
    expect(await row()).toContain('有效');

    // rotate: the sample still holds the old ticket, so its next wx.config is signed with a stale one
    await page.locator('::-p-aria(作废 jsapi_ticket[role="button"])').click();
    await page.waitForFunction(`document.querySelector('#panel-tokens tbody tr:last-child')?.innerText.includes('已作废')`);
    await page.locator('::-p-aria(刷新网页[role="button"])').click();
    // ⟳ starts a fresh strip: only this load's result is listed
    await strip('config ✗ config:invalid signature — stale jsapi_ticket');
    const frame = await pane();
    await frameText(frame, '#wx-config-status', 'wx.config: config:invalid signature');
    await frameText(frame, '#wx-emulator-config', 'stale jsapi_ticket');
    const lines = await page.$$eval('[aria-label="JS-SDK 调试"] > div', (els) => els.length);
    expect(lines).toBe(1);
    await shot('h5-04-wx-config-stale-ticket');
  });
});
