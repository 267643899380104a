import { WechatApiError } from '../../lib/errors/wechat-api.error.js';
import { WechatValidationError } from '../../lib/errors/wechat-validation.error.js';
import { OAuthService } from '../../lib/api/oauth/oauth.service.js';
import { WechatEmulator } from '../../lib/testing/index.js';
import { APP, captureLogs, newClient } from './api-test-kit.js';

/** Follows the authorize URL the way a browser would, answering the consent page with "allow" for `openid`. */
async function authorize(url: string, openid?: string): Promise<URL> {
  const first = await fetch(url.replace(/#wechat_redirect$/, ''), { redirect: 'manual' });
  if (first.status === 302) return new URL(first.headers.get('location')!);
  expect(first.status).toBe(200);
  const html = await first.text();
  const action = /<form method="get" action="([^"]+)"/.exec(html)![1]!;
  const confirm = new URL(action, url);
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    confirm.searchParams.set(name!, value!.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))));
  }
  if (openid) confirm.searchParams.set('openid', openid);
  confirm.searchParams.set('action', 'allow');
  const back = await fetch(confirm, { redirect: 'manual' });
  expect(back.status).toBe(302);
  return new URL(back.headers.get('location')!);
}

describe('OAuthService (网页授权) against the emulator', () => {
  let emu: WechatEmulator;
  let oauth: OAuthService;

  beforeEach(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret, followers: ['oFollowerA', 'oFollowerB'] });
    oauth = new OAuthService(newClient(emu.url).client);
  });
  afterEach(() => emu.stop());

  it('builds the authorize URL in WeChat\'s parameter order, on the open host, ending in #wechat_redirect', () => {
    const url = oauth.authorizeUrl({ redirectUri: 'https://h5.example.com/cb?x=1', scope: 'snsapi_userinfo', state: 'abc123', forcePopup: true });
    expect(url).toBe(
      `${emu.url}/connect/oauth2/authorize?appid=${APP.appId}&redirect_uri=https%3A%2F%2Fh5.example.com%2Fcb%3Fx%3D1` +
        '&response_type=code&scope=snsapi_userinfo&state=abc123&forcePopup=true#wechat_redirect',
    );
    const real = new OAuthService(newClient('https://api.weixin.qq.com').client);
    expect(real.authorizeUrl({ redirectUri: 'https://h5.example.com/' })).toMatch(/^https:\/\/open\.weixin\.qq\.com\/connect\/oauth2\/authorize\?.*scope=snsapi_base&state=#wechat_redirect$/);
    const custom = new OAuthService(newClient('https://api.weixin.qq.com', { client: { openBaseUrl: 'http://127.0.0.1:9' } }).client);
    expect(custom.authorizeUrl({ redirectUri: 'https://h5.example.com/' })).toMatch(/^http:\/\/127\.0\.0\.1:9\/connect\/oauth2\/authorize\?/);
  });

  it.each([
    [{ redirectUri: '/relative' }, 'redirectUri'],
    [{ redirectUri: 'https://h5.example.com/', state: 'has-dash' }, 'state'],
    [{ redirectUri: 'https://h5.example.com/', state: 'x'.repeat(129) }, 'state'],
    [{ redirectUri: 'https://h5.example.com/', scope: 'snsapi_login' as never }, 'scope'],
  ])('refuses a bad authorize option %j naming the field', (options, field) => {
    const error = (() => {
      try {
        oauth.authorizeUrl(options);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(WechatValidationError);
    expect(error).toMatchObject({ field });
  });

  it('snsapi_userinfo: code → token → userinfo (with lang) for the follower picked on the consent page', async () => {
    emu.setOAuthProfile('oFollowerB', { nickname: '小明', headimgurl: 'https://thirdwx.qlogo.cn/x/132', unionid: 'uUnion1' });
    const back = await authorize(oauth.authorizeUrl({ redirectUri: 'https://h5.example.com/cb', scope: 'snsapi_userinfo', state: 's1' }), 'oFollowerB');
    expect(back.origin + back.pathname).toBe('https://h5.example.com/cb');
    expect(back.searchParams.get('state')).toBe('s1');
    const token = await oauth.exchangeCode(back.searchParams.get('code')!);
    expect(token).toMatchObject({ openid: 'oFollowerB', scope: 'snsapi_userinfo', expires_in: 7200, unionid: 'uUnion1' });
    expect(token).not.toHaveProperty('is_snapshotuser');
    const info = await oauth.userInfo(token.access_token, token.openid, 'en');
    expect(info).toMatchObject({ openid: 'oFollowerB', nickname: '小明', headimgurl: 'https://thirdwx.qlogo.cn/x/132', privilege: [] });
    expect(emu.requests.find((r) => r.path === '/sns/userinfo')?.query).toMatchObject({ lang: 'en', access_token: '***' });
    expect(await oauth.checkToken(token.access_token, token.openid)).toBe(true);
    expect(await oauth.checkToken(token.access_token, 'oSomeoneElse')).toBe(false);
    const refreshed = await oauth.refreshToken(token.refresh_token);
    expect(refreshed.access_token).not.toBe(token.access_token);
    expect(await oauth.checkToken(refreshed.access_token, token.openid)).toBe(true);
  });

  it('a code works once (40163) and for 5 minutes (40029); errors hold no code or token', async () => {
    const logs = captureLogs();
    try {
      const first = await authorize(oauth.authorizeUrl({ redirectUri: 'https://h5.example.com/cb' }));
      const code = first.searchParams.get('code')!;
      await oauth.exchangeCode(code);
      const reused = await oauth.exchangeCode(code).catch((e: unknown) => e);
      expect(reused).toBeInstanceOf(WechatApiError);
      expect(reused).toMatchObject({ errcode: 40163, path: '/sns/oauth2/access_token' });
      const second = await authorize(oauth.authorizeUrl({ redirectUri: 'https://h5.example.com/cb' }));
      emu.clock.advance(300);
      const late = await oauth.exchangeCode(second.searchParams.get('code')!).catch((e: unknown) => e);
      expect(late).toMatchObject({ errcode: 40029 });
      for (const error of [reused, late]) expect(String((error as Error).message)).not.toContain(code);
      expect(logs.lines.join('\n')).not.toContain(APP.appSecret);
    } finally {
      logs.restore();
    }
  });

  it('snsapi_base is silent, answers for the chosen visitor, and cannot read userinfo (48001)', async () => {
    emu.setOAuthVisitor('oFollowerA');
    const back = await authorize(oauth.authorizeUrl({ redirectUri: 'https://h5.example.com/cb', scope: 'snsapi_base' }));
    const token = await oauth.exchangeCode(back.searchParams.get('code')!);
    expect(token).toMatchObject({ openid: 'oFollowerA', scope: 'snsapi_base' });
    await expect(oauth.userInfo(token.access_token, token.openid)).rejects.toMatchObject({ errcode: 48001 });
    const user = await oauth.login((await authorize(oauth.authorizeUrl({ redirectUri: 'https://h5.example.com/cb' }))).searchParams.get('code')!);
    expect(user).toEqual({ openid: 'oFollowerA', scope: 'snsapi_base', isSnapshotUser: false, loggedInAt: expect.any(Number) });
  });

  it('surfaces 快照页 virtual users (is_snapshotuser) and skips their userinfo', async () => {
    emu.setOAuthVisitor('oSnapshotVirtual', { snapshotUser: true });
    const back = await authorize(oauth.authorizeUrl({ redirectUri: 'https://h5.example.com/cb', scope: 'snsapi_userinfo' }));
    const user = await oauth.login(back.searchParams.get('code')!);
    expect(user).toMatchObject({ openid: 'oSnapshotVirtual', isSnapshotUser: true });
    expect(user.nickname).toBeUndefined();
    expect(emu.requests.filter((r) => r.path === '/sns/userinfo')).toHaveLength(0);
  });

  it('an expired OAuth token is 42001, an unknown one 40001, a bad refresh_token 40030', async () => {
    const back = await authorize(oauth.authorizeUrl({ redirectUri: 'https://h5.example.com/cb', scope: 'snsapi_userinfo' }));
    const token = await oauth.exchangeCode(back.searchParams.get('code')!);
    await expect(oauth.userInfo('not-a-token', token.openid)).rejects.toMatchObject({ errcode: 40001 });
    await expect(oauth.refreshToken('not-a-refresh-token')).rejects.toMatchObject({ errcode: 40030 });
    emu.clock.advance(7200);
    await expect(oauth.userInfo(token.access_token, token.openid)).rejects.toMatchObject({ errcode: 42001 });
    expect(await oauth.checkToken(token.access_token, token.openid)).toBe(false);
  });

  it('validates before sending: an empty code never reaches WeChat', async () => {
    await expect(oauth.exchangeCode('')).rejects.toMatchObject({ code: 'WECHAT_VALIDATION_ERROR', field: 'code' });
    await expect(oauth.userInfo('t', 'o', 'fr' as never)).rejects.toMatchObject({ field: 'lang' });
    expect(emu.requests).toHaveLength(0);
  });
});
