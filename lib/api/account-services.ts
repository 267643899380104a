import { BasicService } from './basic/basic.service.js';
import { MaterialService } from './material/material.service.js';
import { MenuService } from './menu/menu.service.js';
import { MessageService } from './message/message.service.js';
import { QrcodeService } from './qrcode/qrcode.service.js';
import { BlacklistService } from './user/blacklist.service.js';
import { TagService } from './user/tag.service.js';
import { UserService } from './user/user.service.js';
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
  user: UserService,
  tag: TagService,
  blacklist: BlacklistService,
} as const satisfies Record<string, new (client: WechatApiClient) => object>;

export type AccountServiceName = keyof typeof ACCOUNT_SERVICES;
