import 'reflect-metadata';
import axios from 'axios';
import { Test } from '@nestjs/testing';
import { ACCOUNT_SERVICES } from '../../../lib/api/account-services.js';
import { DatacubeService } from '../../../lib/api/datacube/datacube.service.js';
import { latestDataDay } from '../../../lib/api/datacube/date-range.js';
import { IntelligentService } from '../../../lib/api/intelligent/intelligent.service.js';
import { InvoiceService } from '../../../lib/api/invoice/invoice.service.js';
import { MarketcodeService } from '../../../lib/api/marketcode/marketcode.service.js';
import { StoreService } from '../../../lib/api/store/store.service.js';
import { WECHAT_API_CLIENT_OPTIONS, WechatServices } from '../../../lib/api/wechat-services.js';
import { MemoryTokenStore } from '../../../lib/stores/memory-token.store.js';
import { WechatEmulator } from '../../../lib/testing/index.js';
import { WechatAccounts } from '../../../lib/wechat-accounts.js';
import { WECHAT_HTTP_CLIENT, WECHAT_TOKEN_STORE } from '../../../lib/wechat-mp.constants.js';
import { APP, accountFor } from '../api-test-kit.js';

const SHOP = { appId: 'wx00000000000000b2', appSecret: 'shop-secret-for-tests-only-02' };

describe('the issue-11 services in WechatServices', () => {
  let emu: WechatEmulator;
  beforeAll(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret, accounts: [SHOP] });
  });
  afterAll(() => emu.stop());

  it('every account has datacube, intelligent, invoice, marketcode and store, each on its own client', async () => {
    expect(ACCOUNT_SERVICES).toMatchObject({
      datacube: DatacubeService, intelligent: IntelligentService, invoice: InvoiceService, marketcode: MarketcodeService, store: StoreService,
    });
    const moduleRef = await Test.createTestingModule({
      providers: [
        { provide: WECHAT_HTTP_CLIENT, useValue: axios.create() },
        { provide: WechatAccounts, useValue: new WechatAccounts([accountFor(emu.url), accountFor(emu.url, { name: 'shop', ...SHOP })]) },
        { provide: WECHAT_TOKEN_STORE, useValue: new MemoryTokenStore() },
        { provide: WECHAT_API_CLIENT_OPTIONS, useValue: {} },
        WechatServices,
      ],
    }).compile();
    const services = moduleRef.get(WechatServices);
    const day = latestDataDay(Date.now());
    const main = await services.forAccount().datacube.getUserSummary(day, day);
    const shop = await services.forAccount('shop').datacube.getUserSummary(day, day);
    // the emulator seeds the figures with the AppID: two accounts, two sets of figures
    expect(main).not.toEqual(shop); // 4 figures each: equal only by a 1-in-10^12 chance
    expect(emu.requests.filter((r) => r.path === '/datacube/getusersummary').map((r) => r.appId)).toEqual([APP.appId, SHOP.appId]);
    expect(services.forAccount('shop').store).toBeInstanceOf(StoreService);
  });
});
