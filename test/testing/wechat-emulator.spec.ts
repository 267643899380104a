import { createConnection } from 'node:net';
import { WechatEmulator, WechatEmulatorError, type EmulatorRouteInfo } from '../../lib/testing/index.js';
import { APP, call, expectError, fetchToken } from './emulator-helpers.js';

describe('WechatEmulator', () => {
  let emu: WechatEmulator;
  beforeAll(async () => {
    emu = await WechatEmulator.start({ ...APP });
  });
  afterAll(() => emu.stop());
  afterEach(() => emu.faults.clear());

  it('listens on 127.0.0.1 and every route cites its doc page', () => {
    expect(emu.url).toBe(`http://127.0.0.1:${emu.port}`);
    const routes = emu.routes();
    expect(routes.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        '/cgi-bin/token', '/cgi-bin/stable_token', '/cgi-bin/getcallbackip', '/cgi-bin/get_api_domain_ip',
        '/cgi-bin/callback/check', '/cgi-bin/clear_quota', '/cgi-bin/menu/create', '/cgi-bin/menu/get',
        '/cgi-bin/menu/delete', '/cgi-bin/menu/addconditional', '/cgi-bin/menu/delconditional', '/cgi-bin/menu/trymatch',
        '/cgi-bin/get_current_selfmenu_info', '/cgi-bin/qrcode/create', '/cgi-bin/showqrcode', '/cgi-bin/media/upload',
        '/cgi-bin/media/get', '/cgi-bin/media/uploadimg', '/cgi-bin/material/add_material', '/cgi-bin/material/get_material',
        '/cgi-bin/material/del_material', '/cgi-bin/material/get_materialcount', '/cgi-bin/material/batchget_material',
        '/cgi-bin/message/custom/send', '/cgi-bin/message/custom/typing', '/cgi-bin/message/template/send',
        '/cgi-bin/message/mass/sendall', '/cgi-bin/message/mass/send', '/cgi-bin/message/mass/preview',
        '/cgi-bin/message/mass/delete', '/cgi-bin/message/mass/get', '/cgi-bin/user/get', '/cgi-bin/user/info',
        '/cgi-bin/tags/create', '/cgi-bin/tags/get',
      ]),
    );
    for (const r of routes) expect(r.doc).toMatch(/^https:\/\/developers\.weixin\.qq\.com\/doc\/(offiaccount|service)\//);
    expect(new Set(routes.map((r) => r.path)).size).toBe(routes.length);
  });

  describe('every token-protected endpoint', () => {
    const guarded = (): EmulatorRouteInfo[] => emu.routes().filter((r) => r.needsToken);
    it('answers 41001 without access_token', async () => {
      for (const route of guarded()) {
        const res = await call(emu, route.method, route.path, route.method === 'POST' ? { json: {} } : {});
        expect([route.path, res.json.errcode]).toEqual([route.path, 41001]);
      }
    });
    it('answers 40001 for a forged token and 42001 for an expired one', async () => {
      const token = await fetchToken(emu);
      emu.clock.advance(7200);
      for (const route of guarded()) {
        const opts = route.method === 'POST' ? { json: {} } : {};
        expect([route.path, (await call(emu, route.method, route.path, { ...opts, token: 'forged' })).json.errcode]).toEqual([route.path, 40001]);
        expect([route.path, (await call(emu, route.method, route.path, { ...opts, token })).json.errcode]).toEqual([route.path, 42001]);
      }
    });
  });

  it('answers an unknown path with 404 and a wrong method with 43002', async () => {
    const res = await call(emu, 'GET', '/cgi-bin/nothing/here');
    expect(res.status).toBe(404);
    expectError(await call(emu, 'GET', '/cgi-bin/menu/create', { token: await fetchToken(emu) }), 43002);
  });

  describe('faults', () => {
    it('http5xx answers the status for the next N calls, then normal service resumes', async () => {
      emu.faults.inject({ path: '/cgi-bin/getcallbackip', kind: 'http5xx', status: 502, times: 2 });
      const token = await fetchToken(emu);
      expect((await call(emu, 'GET', '/cgi-bin/getcallbackip', { token })).status).toBe(502);
      expect((await call(emu, 'GET', '/cgi-bin/getcallbackip', { token })).status).toBe(502);
      expect((await call(emu, 'GET', '/cgi-bin/getcallbackip', { token })).json).toEqual({ ip_list: ['127.0.0.1'] });
      expect(emu.requests.slice(-3).map((r) => [r.status, r.fault])).toEqual([[502, 'http5xx'], [502, 'http5xx'], [200, undefined]]);
    });

    it('errcode answers -1 system error by default, or the given errcode, until cleared', async () => {
      const id = emu.faults.inject({ path: '/cgi-bin/token', kind: 'errcode' });
      const query = { grant_type: 'client_credential', appid: APP.appId, secret: APP.appSecret };
      expectError(await call(emu, 'GET', '/cgi-bin/token', { query }), -1, 'system error');
      expectError(await call(emu, 'GET', '/cgi-bin/token', { query }), -1);
      emu.faults.clear(id);
      emu.faults.inject({ path: '*', kind: 'errcode', errcode: 45011, errmsg: 'api minute-quota reach limit', times: 1 });
      expectError(await call(emu, 'GET', '/cgi-bin/token', { query }), 45011, 'api minute-quota reach limit');
      expect((await call(emu, 'GET', '/cgi-bin/token', { query })).json.expires_in).toBe(7200);
    });

    it('delay holds the answer, then handles the call normally', async () => {
      emu.faults.inject({ path: '/cgi-bin/token', kind: 'delay', delayMs: 300, times: 1 });
      const started = Date.now();
      const token = await fetchToken(emu);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(token).toEqual(expect.any(String));
    });

    it('reset destroys the connection', async () => {
      emu.faults.inject({ path: '/cgi-bin/token', kind: 'reset', times: 1 });
      await expect(fetch(`${emu.url}/cgi-bin/token`)).rejects.toThrow();
      expect(emu.requests.at(-1)).toMatchObject({ path: '/cgi-bin/token', status: 0, fault: 'reset' });
    });

    it('validates its input', () => {
      expect(() => emu.faults.inject({ path: '', kind: 'delay' })).toThrow(WechatEmulatorError);
      expect(() => emu.faults.inject({ path: '/x', kind: 'boom' as never })).toThrow(WechatEmulatorError);
      expect(() => emu.faults.inject({ path: '/x', kind: 'http5xx', status: 404 })).toThrow(WechatEmulatorError);
      expect(() => emu.faults.inject({ path: '/x', kind: 'delay', times: 0 })).toThrow(WechatEmulatorError);
      emu.faults.inject({ path: '/x', kind: 'delay', delayMs: 10 ** 9 });
      expect(emu.faults.list()).toEqual([expect.objectContaining({ path: '/x', delayMs: 60_000, remaining: Infinity })]);
    });
  });

  it('never crashes on garbage: bad JSON, huge JSON, binary bodies', async () => {
    const token = await fetchToken(emu);
    expectError(await call(emu, 'POST', '/cgi-bin/menu/create', { token, raw: '\u0000\u0001' }), 47001);
    expectError(await call(emu, 'POST', '/cgi-bin/menu/create', { token, raw: JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }) }), 47001);
    expectError(await call(emu, 'POST', '/cgi-bin/menu/create', { token, json: { button: [{ name: 'a', sub_button: [null] }] } }), 40023);
    expect((await call(emu, 'GET', '/cgi-bin/getcallbackip', { token })).status).toBe(200);
  });

  describe('options', () => {
    it.each([
      [{ appId: '', appSecret: 's' }, 'appId is required'],
      [{ appId: 'wx1', appSecret: '' }, 'appSecret is required'],
      [{ appId: 'wx1', appSecret: 's', encodingAESKey: 'short' }, 'encodingAESKey must be 43 letters and digits'],
      [{ appId: 'wx1', appSecret: 's', accounts: [{ appId: 'wx1', appSecret: 't' }] }, 'AppID wx1 is listed twice'],
      [{ appId: 'wx1', appSecret: 's', accounts: [{ appId: 'wx2' } as never] }, 'accounts[0].appSecret is required'],
      [{ appId: 'wx1', appSecret: 's', quotas: { '/cgi-bin/token': -1 } }, 'quotas["/cgi-bin/token"] must be a non-negative integer or null'],
      [{ appId: 'wx1', appSecret: 's', port: 70000 }, 'port must be an integer between 0 and 65535'],
    ])('refuses %j', async (options, message) => {
      await expect(WechatEmulator.start(options)).rejects.toThrow(new WechatEmulatorError(message));
    });

    it('names unknown accounts in inspection calls', () => {
      expect(() => emu.menu('wxNope')).toThrow('the emulator has no account with AppID "wxNope"');
    });
  });

  it('stop() closes keep-alive connections and pending delays, and is idempotent', async () => {
    const local = await WechatEmulator.start({ ...APP });
    const socket = createConnection(local.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    local.faults.inject({ path: '/cgi-bin/token', kind: 'delay', delayMs: 60_000 });
    const pending = fetch(`${local.url}/cgi-bin/token`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    const started = Date.now();
    await local.stop();
    await local.stop();
    await closed;
    // fetch rejects (a TypeError from another realm, so compare by name)
    expect((await pending as Error).name).toBe('TypeError');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
