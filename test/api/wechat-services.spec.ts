import 'reflect-metadata';
import axios from 'axios';
import { Test } from '@nestjs/testing';
import { MenuService } from '../../lib/api/menu/menu.service.js';
import { ENDPOINTS } from '../../lib/api/wechat-endpoints.js';
import { WECHAT_API_CLIENT_OPTIONS, WechatServices } from '../../lib/api/wechat-services.js';
import { MemoryTokenStore } from '../../lib/stores/memory-token.store.js';
import { WechatEmulator } from '../../lib/testing/index.js';
import { WechatAccounts, WechatUnknownAccountError } from '../../lib/wechat-accounts.js';
import { WECHAT_HTTP_CLIENT, WECHAT_TOKEN_STORE } from '../../lib/wechat-mp.constants.js';
import { APP, accountFor } from './api-test-kit.js';

const SHOP = { appId: 'wx00000000000000b2', appSecret: 'shop-secret-for-tests-only-02' };

describe('WechatServices', () => {
  let emu: WechatEmulator;
  beforeAll(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret, accounts: [SHOP] });
  });
  afterAll(() => emu.stop());

  async function compile() {
    const accounts = new WechatAccounts([
      accountFor(emu.url),
      accountFor(emu.url, { name: 'shop', appId: SHOP.appId, appSecret: SHOP.appSecret }),
    ]);
    const moduleRef = await Test.createTestingModule({
      providers: [
        { provide: WECHAT_HTTP_CLIENT, useValue: axios.create() },
        { provide: WechatAccounts, useValue: accounts },
        { provide: WECHAT_TOKEN_STORE, useValue: new MemoryTokenStore() },
        { provide: WECHAT_API_CLIENT_OPTIONS, useValue: { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } } },
        WechatServices,
        // How the module exposes the default account's services one by one.
        { provide: MenuService, useFactory: (s: WechatServices) => s.forAccount().menu, inject: [WechatServices] },
      ],
    }).compile();
    return moduleRef;
  }

  it('is built by Nest DI and hands out one cached set of services per account', async () => {
    const moduleRef = await compile();
    const services = moduleRef.get(WechatServices);
    const main = services.forAccount();
    expect(services.forAccount('default')).toBe(main);
    expect(services.forAccount(APP.appId)).toBe(main);
    const shop = services.forAccount('shop');
    expect(services.forAccount(SHOP.appId)).toBe(shop);
    expect(shop).not.toBe(main);
    expect(shop.client.account.appId).toBe(SHOP.appId);
    expect(main.token).toBe(main.client.token);
    expect(moduleRef.get(MenuService)).toBe(main.menu);
    expect(() => services.forAccount('nobody')).toThrow(WechatUnknownAccountError);
    await moduleRef.close();
  });

  it('keeps each account\'s token apart, and applies the shared client options', async () => {
    const moduleRef = await compile();
    const services = moduleRef.get(WechatServices);
    const mainToken = await services.forAccount().token.getAccessToken();
    const shopToken = await services.forAccount('shop').token.getAccessToken();
    expect(mainToken).not.toBe(shopToken);
    expect(emu.tokenFetches(APP.appId)).toBe(1);
    expect(emu.tokenFetches(SHOP.appId)).toBe(1);
    await services.forAccount('shop').menu.create({ button: [{ type: 'click', name: '店铺', key: 'SHOP' }] });
    expect(emu.menu(SHOP.appId)).toMatchObject({ button: [{ key: 'SHOP' }] });
    expect(emu.menu(APP.appId)).toBeNull();

    emu.faults.inject({ path: '/cgi-bin/getcallbackip', kind: 'errcode', errcode: -1 });
    emu.clearRequests();
    await expect(services.forAccount().client.call(ENDPOINTS.getCallbackIp)).rejects.toMatchObject({ errcode: -1 });
    expect(emu.requests.filter((r) => r.path === '/cgi-bin/getcallbackip')).toHaveLength(2); // attempts: 2
    emu.faults.clear();
    await moduleRef.close();
  });
});
