import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { WechatEmulator } from '../../lib/testing/index.js';
import { JWEIXIN_SCRIPT } from '../../lib/testing/jssdk/jweixin-script.js';
import { APP, call, fetchToken } from './emulator-helpers.js';

/** The server side of the page's H5 pane: who the visitor is, the token tab's ticket row, the jweixin reports. */
describe('emulator H5 pane: the page follower is the OAuth visitor', () => {
  let emu: WechatEmulator;
  beforeEach(async () => {
    emu = await WechatEmulator.start({ ...APP, followers: ['oAlice', 'oBob'] });
  });
  afterEach(() => emu.stop());

  const page = async (action: string, body: Record<string, unknown> = {}) => {
    const res = await fetch(`${emu.pageUrl}${action}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const state = async () => (await (await fetch(`${emu.pageUrl}api/state`)).json()) as Record<string, any>;
  const link = (path: string, query: Record<string, string>) => {
    const url = new URL(path, emu.url);
    const all = { appid: APP.appId, redirect_uri: 'https://h5.example.com/cb', response_type: 'code', state: 'S', ...query };
    for (const [k, v] of Object.entries(all)) url.searchParams.set(k, v);
    return url;
  };
  const codeOf = (res: Response) => new URL(res.headers.get('location')!).searchParams.get('code')!;
  const exchange = async (code: string) =>
    (await call(emu, 'GET', '/sns/oauth2/access_token', { query: { appid: APP.appId, secret: APP.appSecret, code, grant_type: 'authorization_code' } })).json;

  it('snsapi_base logs in the follower selected on the page; snsapi_userinfo preselects them, and userinfo answers the page nickname', async () => {
    await page('api/select', { openid: 'oBob' });
    const bob = emu.pageFollower();
    expect(bob.openid).toBe('oBob');

    const base = await fetch(link('/connect/oauth2/authorize', { scope: 'snsapi_base' }), { redirect: 'manual' });
    expect(base.status).toBe(302);
    expect((await exchange(codeOf(base))).openid).toBe('oBob');

    const consent = await (await fetch(link('/connect/oauth2/authorize', { scope: 'snsapi_userinfo' }))).text();
    expect(consent).toContain(`<strong id="visitor">${bob.nickname}</strong>`);
    expect(consent).toContain(`<option value="oBob" selected>${bob.nickname} (oBob)</option>`);

    const allowed = await fetch(link('/connect/oauth2/authorize/confirm', { scope: 'snsapi_userinfo', action: 'allow' }), { redirect: 'manual' });
    const token = await exchange(codeOf(allowed));
    const info = await call(emu, 'GET', '/sns/userinfo', { query: { access_token: token.access_token, openid: 'oBob' } });
    expect(info.json).toMatchObject({ openid: 'oBob', nickname: bob.nickname });
    // the page lists Bob with the same nickname
    expect((await state()).followers.find((f: { openid: string }) => f.openid === 'oBob').nickname).toBe(bob.nickname);
  });

  it('setOAuthVisitor is the same setting: it selects the follower on the page (a non-follower too); snapshotUser marks them', async () => {
    emu.setOAuthVisitor('oCarolNotFollowing', { snapshotUser: true });
    expect(emu.pageFollower()).toMatchObject({ openid: 'oCarolNotFollowing', following: false });
    expect((await state()).selected).toBe('oCarolNotFollowing');
    const snap = await exchange(codeOf(await fetch(link('/connect/oauth2/authorize', { scope: 'snsapi_base' }), { redirect: 'manual' })));
    expect(snap).toMatchObject({ openid: 'oCarolNotFollowing', is_snapshotuser: 1 });

    emu.setOAuthVisitor('oCarolNotFollowing');
    const plain = await exchange(codeOf(await fetch(link('/connect/oauth2/authorize', { scope: 'snsapi_base' }), { redirect: 'manual' })));
    expect(plain.is_snapshotuser).toBeUndefined();
    expect(() => emu.setOAuthVisitor('')).toThrow('setOAuthVisitor() needs an openid');
  });

  it('a setOAuthProfile nickname is the one the page shows as well', async () => {
    emu.setOAuthProfile('oAlice', { nickname: '爱丽丝' });
    await page('api/select', { openid: 'oAlice' });
    expect(emu.pageFollower().nickname).toBe('爱丽丝');
    expect((await state()).followers.find((f: { openid: string }) => f.openid === 'oAlice').nickname).toBe('爱丽丝');
  });
});

describe('emulator H5 pane: the token tab shows the jsapi_ticket state, never its value', () => {
  let emu: WechatEmulator;
  beforeEach(async () => {
    emu = await WechatEmulator.start({ ...APP });
  });
  afterEach(() => emu.stop());

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const state = async () => (await (await fetch(`${emu.pageUrl}api/state`)).json()) as Record<string, any>;
  const sign = (ticket: string, url: string) =>
    createHash('sha1').update(`jsapi_ticket=${ticket}&noncestr=N1&timestamp=1700000000&url=${url}`).digest('hex');

  it('null before getticket; alive after; the page button revokes it and wx.config then reports a stale ticket', async () => {
    expect((await state()).tokens.jsapi).toBeNull();
    const token = await fetchToken(emu);
    const ticket = (await call(emu, 'GET', '/cgi-bin/ticket/getticket', { token, query: { type: 'jsapi' } })).json.ticket as string;
    const live = await state();
    expect(live.tokens.jsapi).toEqual({ issuedAt: expect.any(Number), expiresAt: live.tokens.jsapi.issuedAt + 7_200_000, alive: true, stale: false });
    expect(JSON.stringify(live)).not.toContain(ticket);

    const url = 'http://127.0.0.1:3000/h5/profile';
    const input = { appId: APP.appId, timestamp: '1700000000', nonceStr: 'N1', signature: sign(ticket, url), href: url };
    expect(emu.checkWxConfig(input)).toMatchObject({ ok: true, errMsg: 'config:ok' });

    const res = await fetch(`${emu.pageUrl}api/revoke-tickets`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(await res.json()).toEqual({ ok: true });
    expect((await state()).tokens.jsapi).toMatchObject({ alive: false, stale: true });
    expect(emu.checkWxConfig(input)).toMatchObject({ ok: false, errMsg: 'config:invalid signature', reason: expect.stringMatching(/^stale jsapi_ticket/) });
    expect(emu.currentTicket()).toBeUndefined();
  });
});

describe("emulator H5 pane: the jweixin stand-in reports to the pane's JS-SDK strip", () => {
  /** Runs the served script in a bare context: a framed page (its parent records messages) or a top-level one. */
  function run(answer: Record<string, unknown>, framed: boolean) {
    const posted: { data: Record<string, unknown>; origin: string }[] = [];
    const parent = { postMessage: (data: Record<string, unknown>, origin: string) => posted.push({ data: { ...data }, origin }) };
    const attrs = new Map<string, string>();
    const win: Record<string, unknown> = {
      location: { href: 'http://127.0.0.1:3000/h5/profile?from=x' },
      fetch: async () => ({ json: async () => answer }),
      document: {
        currentScript: { src: 'http://127.0.0.1:4000/emulator/jweixin-1.6.0.js' },
        readyState: 'complete',
        title: '我的资料',
        body: null,
        documentElement: { setAttribute: (k: string, v: string) => attrs.set(k, v) },
        getElementById: () => null,
      },
    };
    win.parent = framed ? parent : win;
    runInNewContext(JWEIXIN_SCRIPT, { window: win, URL, URLSearchParams });
    return { posted, attrs, wx: win.wx as { config(options: Record<string, unknown>): Promise<unknown> } };
  }

  it('posts the page title and address, then the wx.config result with its reason', async () => {
    const reason = 'wrong URL: signed for "http://127.0.0.1:3000/h5/profile" (the query string is part of the signed URL)';
    const { posted, attrs, wx } = run({ ok: false, errMsg: 'config:invalid signature', reason }, true);
    expect(posted).toEqual([{ data: { source: 'wechat-mp-emulator', kind: 'page', title: '我的资料', href: 'http://127.0.0.1:3000/h5/profile?from=x' }, origin: '*' }]);
    await wx.config({ appId: APP.appId, timestamp: 1, nonceStr: 'n', signature: 's' });
    expect(posted[1]).toEqual({
      data: { source: 'wechat-mp-emulator', kind: 'jssdk', api: 'config', ok: false, message: `config:invalid signature — ${reason}` },
      origin: '*',
    });
    expect(attrs.get('data-wx-config')).toBe('fail');
  });

  it('a success is posted as config:ok; a page opened on its own (no parent) posts nothing', async () => {
    const framed = run({ ok: true, errMsg: 'config:ok', reason: 'verified' }, true);
    await framed.wx.config({});
    expect(framed.posted[1]!.data).toMatchObject({ kind: 'jssdk', api: 'config', ok: true, message: 'config:ok' });
    const alone = run({ ok: true, errMsg: 'config:ok', reason: 'verified' }, false);
    await alone.wx.config({});
    expect(alone.posted).toEqual([]);
    expect(alone.attrs.get('data-wx-config')).toBe('ok');
  });
});
