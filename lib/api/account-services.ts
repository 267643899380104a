import { BasicService } from './basic/basic.service.js';
import { DraftService } from './draft/draft.service.js';
import { PublishService } from './freepublish/freepublish.service.js';
import { SubscribeService } from './subscribe/subscribe.service.js';
import { MassHelperService } from './mass-helpers/mass-helpers.service.js';
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
  draft: DraftService,
  publish: PublishService,
  subscribe: SubscribeService,
  massHelpers: MassHelperService,
} as const satisfies Record<string, new (client: WechatApiClient) => object>;

export type AccountServiceName = keyof typeof ACCOUNT_SERVICES;
