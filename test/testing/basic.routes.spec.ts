import { WechatEmulator } from '../../lib/testing/index.js';
import { pinMidQuotaPeriod } from '../support/quota-clock.js';
import { APP, call, expectError, fetchToken } from './emulator-helpers.js';

describe('emulator: basic endpoints', () => {
  let emu: WechatEmulator;
  let token: string;
  beforeEach(async () => {
    emu = await WechatEmulator.start({ ...APP, quotas: { '/cgi-bin/menu/get': 3 } });
    pinMidQuotaPeriod(emu.clock);
    token = await fetchToken(emu);
  });
  afterEach(() => emu.stop());

  const post = (path: string, json: unknown) => call(emu, 'POST', path, { token, json });

  it.each(['/cgi-bin/getcallbackip', '/cgi-bin/get_api_domain_ip'])('%s lists the emulator address', async (path) => {
    expect((await call(emu, 'GET', path, { token })).json).toEqual({ ip_list: ['127.0.0.1'] });
  });

  it.each([
    ['all', { dns: [{ ip: '127.0.0.1', real_operator: 'UNICOM' }], ping: [{ ip: '127.0.0.1', from_operator: 'UNICOM', package_loss: '0%', time: '1.000ms' }] }],
    ['dns', { dns: [{ ip: '127.0.0.1', real_operator: 'UNICOM' }] }],
    ['ping', { ping: [{ ip: '127.0.0.1', from_operator: 'UNICOM', package_loss: '0%', time: '1.000ms' }] }],
  ])('callback/check action %s', async (action, expected) => {
    expect((await post('/cgi-bin/callback/check', { action, check_operator: 'UNICOM' })).json).toEqual(expected);
  });

  it.each([
    [{ action: 'trace', check_operator: 'UNICOM' }],
    [{ action: 'all', check_operator: 'MOBILE' }],
    [{ action: 'all' }],
  ])('callback/check refuses %j with 40097', async (body) => {
    expectError(await post('/cgi-bin/callback/check', body), 40097, 'invalid args');
  });

  it('openapi/quota/get reports the daily limit and use; 76021 for a path without quota', async () => {
    await call(emu, 'GET', '/cgi-bin/menu/get', { token });
    expect((await post('/cgi-bin/openapi/quota/get', { cgi_path: '/cgi-bin/menu/get' })).json).toEqual({
      errcode: 0,
      errmsg: 'ok',
      quota: { daily_limit: 3, used: 1, remain: 2 },
    });
    expect((await post('/cgi-bin/openapi/quota/get', { cgi_path: '/cgi-bin/token' })).json.quota).toEqual({ daily_limit: 2000, used: 1, remain: 1999 });
    expectError(await post('/cgi-bin/openapi/quota/get', { cgi_path: '/cgi-bin/nothing' }), 76021);
    expectError(await post('/cgi-bin/openapi/quota/get', {}), 76021);
  });
});

describe('emulator: quotas', () => {
  let emu: WechatEmulator;
  afterEach(() => emu.stop());

  it('answers 45009 once the day quota is spent; clear_quota resets; a new day resets', async () => {
    emu = await WechatEmulator.start({ ...APP, quotas: { '/cgi-bin/menu/get': 2 } });
    pinMidQuotaPeriod(emu.clock);
    const token = await fetchToken(emu);
    const menuGet = () => call(emu, 'GET', '/cgi-bin/menu/get', { token });
    expectError(await menuGet(), 46003);
    expectError(await menuGet(), 46003);
    expectError(await menuGet(), 45009, 'reach max api daily quota limit');
    expect(emu.quotaUsed('/cgi-bin/menu/get')).toBe(2);

    expect((await call(emu, 'POST', '/cgi-bin/clear_quota', { token, json: { appid: APP.appId } })).json).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(emu.quotaUsed('/cgi-bin/menu/get')).toBe(0);
    expectError(await menuGet(), 46003);
    expectError(await menuGet(), 46003);
    expectError(await menuGet(), 45009);

    // the quota day starts at midnight China Standard Time
    const cstMidnight = Math.ceil((emu.clock.now() + 8 * 3600_000) / 86_400_000) * 86_400_000 - 8 * 3600_000;
    emu.clock.set(cstMidnight - 1000);
    const fresh = await fetchToken(emu);
    expectError(await call(emu, 'GET', '/cgi-bin/menu/get', { token: fresh }), 45009);
    emu.clock.advance(1);
    expectError(await call(emu, 'GET', '/cgi-bin/menu/get', { token: fresh }), 46003);
  });

  it('the token endpoint has its own quota (2000 by default, configurable)', async () => {
    emu = await WechatEmulator.start({ ...APP, quotas: { '/cgi-bin/token': 1 } });
    pinMidQuotaPeriod(emu.clock);
    await fetchToken(emu);
    expectError(await call(emu, 'GET', '/cgi-bin/token', { query: { grant_type: 'client_credential', appid: APP.appId, secret: APP.appSecret } }), 45009);
    expect(emu.tokenFetches()).toBe(1);
    expect(emu.routes().find((r) => r.path === '/cgi-bin/token')?.quota).toBe(1);
  });

  it('null removes a documented quota', async () => {
    emu = await WechatEmulator.start({ ...APP, quotas: { '/cgi-bin/message/mass/sendall': null } });
    expect(emu.routes().find((r) => r.path === '/cgi-bin/message/mass/sendall')?.quota).toBeUndefined();
    expect(emu.routes().find((r) => r.path === '/cgi-bin/message/mass/send')?.quota).toBe(100);
  });

  it('clear_quota: 41002 without appid, 40013 for another appid, 48006 after 10 clears in a month', async () => {
    emu = await WechatEmulator.start({ ...APP });
    pinMidQuotaPeriod(emu.clock);
    const token = await fetchToken(emu);
    const clear = (json: unknown) => call(emu, 'POST', '/cgi-bin/clear_quota', { token, json });
    expectError(await clear({}), 41002, 'appid missing');
    expectError(await clear({ appid: 'wxOther' }), 40013);
    for (let i = 0; i < 10; i++) expect((await clear({ appid: APP.appId })).json.errcode).toBe(0);
    expectError(await clear({ appid: APP.appId }), 48006, 'forbid to clear quota because of reaching the limit');
  });
});
