import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { JssdkService, OAuthService, TicketService } from '../../lib/index.js';
import { WechatEmulator } from '../../lib/testing/index.js';
import { createSampleApp } from '../../sample/create-sample-app.js';
import { LogCapture } from '../support/log-capture.js';
import { findSecrets } from '../support/test-secrets.js';

const account = {
  appId: 'wxsampleh5e2e00001',
  appSecret: 'sample-h5-e2e-app-secret',
  token: 'sampleh5token',
  encodingAESKey: 'U2FtcGxlSDVLZXlGb3JUaGVTYW1wbGVBcHAwMTIzNDU',
};
const env = (apiBaseUrl: string) => ({
  WECHAT_APP_ID: account.appId,
  WECHAT_APP_SECRET: account.appSecret,
  WECHAT_TOKEN: account.token,
  WECHAT_ENCODING_AES_KEY: account.encodingAESKey,
  WECHAT_API_BASE_URL: apiBaseUrl,
  WECHAT_SYNC_MENU: 'false',
});

/** A browser as far as this flow needs: a cookie jar and manual redirects, so every hop can be inspected. */
class Browser {
  readonly cookies = new Map<string, string>();
  readonly hops: { url: string; status: number }[] = [];

  async get(url: string | URL): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    this.hops.push({ url: String(url), status: res.status });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/Max-Age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** Follows redirects; on the emulator's consent page, allows as `openid` (or the preselected visitor). */
  async open(url: string | URL, openid?: string): Promise<Response> {
    let res = await this.get(url);
    for (let i = 0; i < 10; i++) {
      if (res.status === 302) {
        res = await this.get(new URL(res.headers.get('location')!.replace(/#wechat_redirect$/, ''), String(url)));
        continue;
      }
      const type = res.headers.get('content-type') ?? '';
      if (res.status !== 200 || !type.includes('html')) return res;
      const html = await res.clone().text();
      const form = /<form method="get" action="([^"]+)"/.exec(html);
      if (!form) return res;
      const confirm = new URL(form[1]!, res.url || this.hops.at(-1)!.url);
      for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
        confirm.searchParams.set(name!, value!.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))));
      }
      if (openid) confirm.searchParams.set('openid', openid);
      confirm.searchParams.set('action', 'allow');
      res = await this.get(confirm);
    }
    throw new Error('too many redirects');
  }
}

describe('sample app: H5 login (OAuth2 网页授权) and JS-SDK config, end to end against the emulator', () => {
  let emulator: WechatEmulator;
  let app: INestApplication;
  let base: string;
  const logs = new LogCapture();

  beforeAll(async () => {
    emulator = await WechatEmulator.start({ port: 0, ...account, followers: ['oH5Reader0001', 'oH5Reader0002'] });
    ({ app } = await createSampleApp(env(emulator.url), { logger: logs }));
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  it('an HTTP client follows /h5/profile → emulator authorize (consent) → back, and sees its nickname (escaped)', async () => {
    emulator.setOAuthProfile('oH5Reader0002', { nickname: '<b>小明</b> & "co"' });
    const browser = new Browser();
    const page = await browser.open(`${base}/h5/profile`, 'oH5Reader0002');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<span id="nickname">&#60;b&#62;小明&#60;/b&#62; &#38; &#34;co&#34;</span>');
    expect(html).not.toContain('<b>小明');
    expect(html).toContain('<code id="openid">oH5Reader0002</code>');
    expect(html).toContain(`<script src="${emulator.jweixinUrl}">`);
    // The hops: app → authorize (consent page) → confirm → back to the app with code and state
    expect(browser.hops.map((h) => `${h.status} ${new URL(h.url).pathname}`)).toEqual([
      '302 /h5/profile',
      '200 /connect/oauth2/authorize',
      '302 /connect/oauth2/authorize/confirm',
      '200 /h5/profile',
    ]);
    const authorize = new URL(browser.hops[1]!.url);
    expect(authorize.searchParams.get('scope')).toBe('snsapi_userinfo');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${base}/h5/profile`);
    expect(authorize.searchParams.get('state')).toMatch(/^[0-9a-f]{57}$/);

    // The login is remembered: the next visit goes straight to the page, no new code exchange.
    const exchanges = emulator.requests.filter((r) => r.path === '/sns/oauth2/access_token').length;
    const again = await browser.get(`${base}/h5/profile`);
    expect(again.status).toBe(200);
    expect(emulator.requests.filter((r) => r.path === '/sns/oauth2/access_token')).toHaveLength(exchanges);
  });

  it('the remembered login is a signed HttpOnly cookie holding the user, no OAuth token; an altered one is ignored', async () => {
    const browser = new Browser();
    const res = await browser.open(`${base}/h5/profile`);
    expect(res.status).toBe(200);
    const session = browser.cookies.get('wechat_oauth')!;
    const payload = JSON.parse(Buffer.from(decodeURIComponent(session).split('.')[0]!, 'base64url').toString('utf8'));
    expect(Object.keys(payload.u).sort()).toEqual(['isSnapshotUser', 'loggedInAt', 'nickname', 'openid', 'scope', 'headimgurl'].sort());
    expect(JSON.stringify(payload)).not.toMatch(/access_token|refresh_token/);
    // alter the payload (another openid) but keep the MAC: refused, back through authorize
    const forgedPayload = Buffer.from(JSON.stringify({ ...payload, u: { ...payload.u, openid: 'oSomeoneElse' } })).toString('base64url');
    browser.cookies.set('wechat_oauth', `${forgedPayload}.${decodeURIComponent(session).split('.')[1]}`);
    const forged = await browser.get(`${base}/h5/profile`);
    expect(forged.status).toBe(302);
    expect(forged.headers.get('location')).toContain('/connect/oauth2/authorize?');
  });

  it('a replayed code (page refresh without the login remembered) sends the visitor back through authorize, not a 500', async () => {
    const browser = new Browser();
    const first = await browser.get(`${base}/h5/profile`);
    const nonce = browser.cookies.get('wechat_oauth_nonce')!;
    const consent = await browser.open(new URL(first.headers.get('location')!.replace(/#wechat_redirect$/, '')));
    expect(consent.status).toBe(200);
    const returnUrl = browser.hops.find((h) => h.url.includes('code='))!.url;

    // The same return URL again, from a browser that kept the nonce cookie but not the session: code already used.
    const replay = new Browser();
    replay.cookies.set('wechat_oauth_nonce', nonce);
    const res = await replay.get(returnUrl);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/\/connect\/oauth2\/authorize\?.*#wechat_redirect$/);
    expect(emulator.requests.filter((r) => r.path === '/sns/oauth2/access_token').at(-1)?.errcode).toBe(40163);
    // ...and following it logs the visitor in
    expect((await replay.open(res.headers.get('location')!.replace(/#wechat_redirect$/, ''))).status).toBe(200);

    // Without any cookie (another browser): the state is not this browser's, so no exchange, just authorize again.
    const stranger = await new Browser().get(returnUrl);
    expect(stranger.status).toBe(302);
    expect(stranger.headers.get('location')).toContain('/connect/oauth2/authorize?');
  });

  it('an expired code (over 5 minutes on the way back) also restarts the login', async () => {
    const browser = new Browser();
    const first = await browser.get(`${base}/h5/profile`);
    const authorizeUrl = new URL(first.headers.get('location')!.replace(/#wechat_redirect$/, ''));
    const confirm = new URL('/connect/oauth2/authorize/confirm', authorizeUrl);
    authorizeUrl.searchParams.forEach((v, k) => confirm.searchParams.set(k, v));
    confirm.searchParams.set('action', 'allow');
    const back = await browser.get(confirm);
    emulator.clock.advance(301);
    const late = await browser.get(back.headers.get('location')!);
    expect(late.status).toBe(302);
    expect(emulator.requests.filter((r) => r.path === '/sns/oauth2/access_token').at(-1)?.errcode).toBe(40029);
  });

  it.each([
    ['a forged state', '?code=anycode&state=' + 'a'.repeat(57), 403],
    ['a state that is not even the right shape', '?code=anycode&state=hello', 403],
    ['a missing state', '?code=anycode', 400],
  ])('refuses %s with a clear 4xx and never exchanges the code', async (_label, query, status) => {
    const before = emulator.requests.filter((r) => r.path === '/sns/oauth2/access_token').length;
    const res = await new Browser().get(`${base}/h5/profile${query}`);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { message: string }).message).toMatch(/state/);
    expect(emulator.requests.filter((r) => r.path === '/sns/oauth2/access_token')).toHaveLength(before);
  });

  it('refuses a valid state with one character changed (the MAC covers it)', async () => {
    const browser = new Browser();
    const first = await browser.get(`${base}/h5/profile`);
    const state = new URL(first.headers.get('location')!).searchParams.get('state')!;
    const altered = state.slice(0, 8) + (state[8] === '1' ? '2' : '1') + state.slice(9);
    const res = await browser.get(`${base}/h5/profile?code=anycode&state=${altered}`);
    expect(res.status).toBe(403);
  });

  it('GET /h5/jssdk-config signs the page URL without its fragment; the emulator verifies it for that page', async () => {
    const page = `${base}/h5/profile?from=menu#section`;
    const res = await fetch(`${base}/h5/jssdk-config?url=${encodeURIComponent(page)}`);
    expect(res.status).toBe(200);
    const config = (await res.json()) as { appId: string; nonceStr: string; signature: string; timestamp: number };
    expect(config).toMatchObject({ appId: account.appId, debug: false, jsApiList: expect.arrayContaining(['chooseImage']) });
    expect(emulator.checkWxConfig({ ...config, timestamp: String(config.timestamp), href: page })).toMatchObject({ ok: true });
    // the same signature over the URL with its fragment is what WeChat would refuse
    const bad = await fetch(`${base}/h5/jssdk-config`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('"url"');
  });

  it('the new services are injectable for the default account', () => {
    expect(app.get(TicketService).appId).toBe(account.appId);
    expect(app.get(OAuthService)).toBeInstanceOf(OAuthService);
    expect(app.get(JssdkService)).toBeInstanceOf(JssdkService);
  });

  it('never logs a secret, ticket or OAuth token', () => {
    const text = logs.text();
    expect(findSecrets(text, [account.appSecret, account.token, account.encodingAESKey, emulator.currentTicket() ?? 'no-ticket-issued'])).toEqual([]);
    expect(text).not.toMatch(/refresh_token=|"refresh_token"/);
  });
});
