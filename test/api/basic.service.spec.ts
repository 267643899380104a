import { BasicService } from '../../lib/api/basic/basic.service.js';
import { WechatValidationError } from '../../lib/errors/wechat-validation.error.js';
import { WechatEmulator } from '../../lib/testing/index.js';
import { pinMidQuotaPeriod } from '../support/quota-clock.js';
import { APP, newClient } from './api-test-kit.js';

describe('BasicService (against the emulator)', () => {
  let emu: WechatEmulator;
  let basic: BasicService;
  beforeAll(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret, quotas: { '/cgi-bin/menu/get': 1 } });
    pinMidQuotaPeriod(emu.clock); // daily quota and monthly clear limits
    basic = new BasicService(newClient(emu.url).client);
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.clearRequests());

  it('lists the callback and API domain IPs', async () => {
    await expect(basic.getCallbackIp()).resolves.toEqual(['127.0.0.1']);
    await expect(basic.getApiDomainIp()).resolves.toEqual(['127.0.0.1']);
  });

  it('runs the network check with the chosen action and operator', async () => {
    const all = await basic.checkCallback();
    expect(all.dns?.[0]).toMatchObject({ ip: '127.0.0.1' });
    expect(all.ping?.[0]).toMatchObject({ ip: '127.0.0.1' });
    const dns = await basic.checkCallback('dns', 'UNICOM');
    expect(dns).toEqual({ dns: [{ ip: '127.0.0.1', real_operator: 'UNICOM' }] });
    expect(emu.requests.at(-1)?.body).toEqual({ action: 'dns', check_operator: 'UNICOM' });
  });

  it('refuses an unknown action or operator before sending', async () => {
    await expect(basic.checkCallback('trace' as 'all')).rejects.toMatchObject({ field: 'action' });
    await expect(basic.checkCallback('all', 'MOBILE' as 'CAP')).rejects.toBeInstanceOf(WechatValidationError);
    expect(emu.requests.filter((r) => r.path === '/cgi-bin/callback/check')).toHaveLength(0);
  });

  it('reads an API quota, and clear_quota resets it (a spent quota is 45009, not repeated)', async () => {
    const client = newClient(emu.url).client;
    const { ENDPOINTS } = await import('../../lib/api/wechat-endpoints.js');
    await client.call(ENDPOINTS.menuGet).catch(() => undefined); // 46003 still counts against the quota
    await expect(basic.getApiQuota('/cgi-bin/menu/get')).resolves.toEqual({ daily_limit: 1, used: 1, remain: 0 });
    await expect(client.call(ENDPOINTS.menuGet)).rejects.toMatchObject({ errcode: 45009, explanation: { zh: expect.stringContaining('clear_quota') } });
    expect(emu.requests.filter((r) => r.path === '/cgi-bin/menu/get' && r.errcode === 45009)).toHaveLength(1);
    await basic.clearQuota();
    expect(emu.requests.at(-1)?.body).toEqual({ appid: APP.appId });
    await expect(basic.getApiQuota('/cgi-bin/menu/get')).resolves.toMatchObject({ used: 0 });
  });

  it('surfaces the monthly clear limit (48006) after one attempt', async () => {
    for (let i = 0; i < 9; i++) await basic.clearQuota(); // 1 used above
    emu.clearRequests();
    await expect(basic.clearQuota()).rejects.toMatchObject({ errcode: 48006, path: '/cgi-bin/clear_quota' });
    expect(emu.requests.filter((r) => r.path === '/cgi-bin/clear_quota')).toHaveLength(1);
  });
});
