import { BasicService } from './basic/basic.service.js';
import { DatacubeService } from './datacube/datacube.service.js';
import { IntelligentService } from './intelligent/intelligent.service.js';
import { InvoiceService } from './invoice/invoice.service.js';
import { MarketcodeService } from './marketcode/marketcode.service.js';
import { StoreService } from './store/store.service.js';
import { MaterialService } from './material.service.js';
import { MenuService } from './menu.service.js';
import { MessageService } from './message.service.js';
import { QrcodeService } from './qrcode.service.js';
import type { WechatApiClient } from './wechat-api.client.js';

/**
 * Every service built on one account's client, by the name it has in `WechatServices.forAccount()`. Each is also
 * injectable by its class for the default account. A new service is one line here.
 */
export const ACCOUNT_SERVICES = {
  basic: BasicService,
  menu: MenuService,
  qrcode: QrcodeService,
  material: MaterialService,
  message: MessageService,
  datacube: DatacubeService,
  intelligent: IntelligentService,
  invoice: InvoiceService,
  marketcode: MarketcodeService,
  store: StoreService,
} as const satisfies Record<string, new (client: WechatApiClient) => object>;

export type AccountServiceName = keyof typeof ACCOUNT_SERVICES;
