import { EMULATOR_DEFAULT_OPENID, WechatEmulator } from '../../lib/testing/index.js';
import { APP, call, expectError, fetchToken } from './emulator-helpers.js';

describe('emulator: JS-SDK tickets', () => {
  let emu: WechatEmulator;
  beforeEach(async () => {
    emu = await WechatEmulator.start({ ...APP });
  });
  afterEach(() => emu.stop());

  const getticket = (token: string | undefined, type = 'jsapi') =>
    call(emu, 'GET', '/cgi-bin/ticket/getticket', { ...(token === undefined ? {} : { token }), query: { type } });

  it('issues a ticket valid 7200 s; the previous one stays current 5 more minutes (the token lifecycle)', async () => {
    const token = await fetchToken(emu);
    const first = await getticket(token);
    expect(first.json).toEqual({ errcode: 0, errmsg: 'ok', ticket: expect.stringMatching(/^[\w-]{80,}$/), expires_in: 7200 });
    const second = await getticket(token);
    expect(second.json.ticket).not.toBe(first.json.ticket);
    expect(emu.currentTicket()).toBe(second.json.ticket);
    const wxCard = await getticket(token, 'wx_card');
    expect(emu.currentTicket('wx_card')).toBe(wxCard.json.ticket);
    expect(emu.currentTicket('jsapi')).toBe(second.json.ticket);
  });

  it('checks the access_token like every API: 41001 missing, 40001 invalid, 42001 expired; 40097 for a bad type', async () => {
    expectError(await getticket(undefined), 41001);
    expectError(await getticket('not-a-token'), 40001);
    const token = await fetchToken(emu);
    expectError(await getticket(token, 'card'), 40097);
    emu.clock.advance(7200);
    expectError(await getticket(token), 42001);
  });

  it('media/get/jssdk: 41006 without media_id, 40007 for an unknown one', async () => {
    const token = await fetchToken(emu);
    expectError(await call(emu, 'GET', '/cgi-bin/media/get/jssdk', { token }), 41006);
    expectError(await call(emu, 'GET', '/cgi-bin/media/get/jssdk', { token, query: { media_id: 'nope' } }), 40007);
  });
});

describe('emulator: OAuth2 网页授权', () => {
  let emu: WechatEmulator;
  beforeEach(async () => {
    emu = await WechatEmulator.start({ ...APP, followers: ['oAlice'] });
  });
  afterEach(() => emu.stop());

  const authorize = (query: Record<string, string>) => {
    const url = new URL('/connect/oauth2/authorize', emu.url);
    for (const [k, v] of Object.entries({ appid: APP.appId, redirect_uri: 'https://h5.example.com/cb?x=1', response_type: 'code', scope: 'snsapi_base', state: 'S1', ...query })) url.searchParams.set(k, v);
    return fetch(url, { redirect: 'manual' });
  };
  const exchange = (code: string) =>
    call(emu, 'GET', '/sns/oauth2/access_token', { query: { appid: APP.appId, secret: APP.appSecret, code, grant_type: 'authorization_code' } });

  it('snsapi_base redirects straight back with a code and the state, keeping the redirect_uri query', async () => {
    const res = await authorize({});
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe('https://h5.example.com/cb');
    expect(back.searchParams.get('x')).toBe('1');
    expect(back.searchParams.get('state')).toBe('S1');
    const token = await exchange(back.searchParams.get('code')!);
    expect(token.json).toMatchObject({ openid: EMULATOR_DEFAULT_OPENID, scope: 'snsapi_base', expires_in: 7200 });
  });

  it('emulator_openid picks the user of a snsapi_base link (for tests)', async () => {
    const res = await authorize({ emulator_openid: 'oAlice' });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    expect((await exchange(code)).json.openid).toBe('oAlice');
  });

  it('snsapi_userinfo shows a consent page: followers to pick from, 允许 / 拒绝 buttons; 拒绝 returns without a code', async () => {
    const res = await authorize({ scope: 'snsapi_userinfo' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<label for="openid">');
    expect(html).toMatch(/<option value="oAlice">[^<]+ \(oAlice\)<\/option>/);
    expect(html).toMatch(/<button type="submit" name="action" value="allow"[^>]*>允许<\/button>/);
    const deny = new URL('/connect/oauth2/authorize/confirm', emu.url);
    for (const [k, v] of Object.entries({ appid: APP.appId, redirect_uri: 'https://h5.example.com/cb', response_type: 'code', scope: 'snsapi_userinfo', state: 'S2', action: 'deny' })) deny.searchParams.set(k, v);
    const denied = await fetch(deny, { redirect: 'manual' });
    expect(denied.status).toBe(302);
    expect(denied.headers.get('location')).toBe('https://h5.example.com/cb?state=S2');
  });

  it.each([
    [{ appid: 'wxunknown' }, 'appid'],
    [{ redirect_uri: 'javascript:alert(1)' }, 'redirect_uri'],
    [{ response_type: 'token' }, 'response_type'],
    [{ scope: 'snsapi_login' }, 'scope'],
    [{ state: '<script>' }, 'state'],
  ])('a bad authorize link %j gets an error page (400) naming %s, escaped', async (query, name) => {
    const res = await authorize(query);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(`${name} 参数错误`);
    expect(html).not.toContain('<script>');
  });

  it('codes are single-use (40163) and live 5 minutes (40029); a wrong secret is 40125', async () => {
    const code = () => authorize({}).then((r) => new URL(r.headers.get('location')!).searchParams.get('code')!);
    const once = await code();
    expect((await exchange(once)).json.access_token).toEqual(expect.any(String));
    expectError(await exchange(once), 40163, 'code been used');
    const late = await code();
    emu.clock.advance(299);
    const justInTime = await code();
    emu.clock.advance(1);
    expectError(await exchange(late), 40029, 'invalid code');
    expect((await exchange(justInTime)).json.openid).toEqual(expect.any(String));
    expectError(await call(emu, 'GET', '/sns/oauth2/access_token', { query: { appid: APP.appId, secret: 'wrong', code: await code(), grant_type: 'authorization_code' } }), 40125);
  });

  it('userinfo per follower; 48001 for a snsapi_base token; sns/auth; refresh keeps the refresh_token', async () => {
    emu.setOAuthProfile('oAlice', { nickname: 'Alice', city: 'Shenzhen' });
    emu.setOAuthVisitor('oAlice');
    const confirm = new URL('/connect/oauth2/authorize/confirm', emu.url);
    for (const [k, v] of Object.entries({ appid: APP.appId, redirect_uri: 'https://h5.example.com/cb', response_type: 'code', scope: 'snsapi_userinfo', state: '', action: 'allow' })) confirm.searchParams.set(k, v);
    const code = new URL((await fetch(confirm, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
    const token = (await exchange(code)).json;
    const info = await call(emu, 'GET', '/sns/userinfo', { query: { access_token: token.access_token, openid: 'oAlice', lang: 'zh_CN' } });
    expect(info.json).toMatchObject({ openid: 'oAlice', nickname: 'Alice', city: 'Shenzhen', privilege: [] });
    expect((await call(emu, 'GET', '/sns/auth', { query: { access_token: token.access_token, openid: 'oAlice' } })).json).toEqual({ errcode: 0, errmsg: 'ok' });
    expectError(await call(emu, 'GET', '/sns/auth', { query: { access_token: token.access_token, openid: 'oBob' } }), 40003);

    const base = (await exchange(new URL((await authorize({})).headers.get('location')!).searchParams.get('code')!)).json;
    expectError(await call(emu, 'GET', '/sns/userinfo', { query: { access_token: base.access_token, openid: base.openid } }), 48001, 'api unauthorized');

    const refreshed = await call(emu, 'GET', '/sns/oauth2/refresh_token', { query: { appid: APP.appId, grant_type: 'refresh_token', refresh_token: token.refresh_token } });
    expect(refreshed.json).toMatchObject({ openid: 'oAlice', refresh_token: token.refresh_token, scope: 'snsapi_userinfo' });
    emu.clock.advance(30 * 86_400);
    expectError(await call(emu, 'GET', '/sns/oauth2/refresh_token', { query: { appid: APP.appId, grant_type: 'refresh_token', refresh_token: token.refresh_token } }), 42002);
  });

  it('the request log redacts OAuth tokens', async () => {
    const code = new URL((await authorize({})).headers.get('location')!).searchParams.get('code')!;
    const token = (await exchange(code)).json;
    await call(emu, 'GET', '/sns/auth', { query: { access_token: token.access_token, openid: token.openid } });
    await call(emu, 'GET', '/sns/oauth2/refresh_token', { query: { appid: APP.appId, grant_type: 'refresh_token', refresh_token: token.refresh_token } });
    const logged = JSON.stringify(emu.requests);
    expect(logged).not.toContain(token.access_token);
    expect(logged).not.toContain(token.refresh_token);
    expect(logged).not.toContain(APP.appSecret);
  });
});
