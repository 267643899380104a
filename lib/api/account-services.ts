import { BasicService } from './basic/basic.service.js';
import { DraftService } from './draft/draft.service.js';
import { PublishService } from './freepublish/freepublish.service.js';
import { SubscribeService } from './subscribe/subscribe.service.js';
import { MassHelperService } from './mass-helpers/mass-helpers.service.js';
import { JssdkService } from './jssdk/jssdk.service.js';
import { OAuthService } from './oauth/oauth.service.js';
import { DatacubeService } from './datacube/datacube.service.js';
import { IntelligentService } from './intelligent/intelligent.service.js';
import { InvoiceService } from './invoice/invoice.service.js';
import { MarketcodeService } from './marketcode/marketcode.service.js';
import { StoreService } from './store/store.service.js';
import { MaterialService } from './material/material.service.js';
import { MenuService } from './menu/menu.service.js';
import { MessageService } from './message/message.service.js';
import { QrcodeService } from './qrcode/qrcode.service.js';
import { BlacklistService } from './user/blacklist.service.js';
import { TagService } from './user/tag.service.js';
import { UserService } from './user/user.service.js';
import type { WechatApiClient } from './wechat-api.client.js';
import { ShortenService } from './shorten/shorten.service.js';
import { QrcodeJumpService } from './qrcode-jump/qrcode-jump.service.js';
import { CommentService } from './comment/comment.service.js';
import { KfService } from './kf/kf.service.js';
import { OpenApiService } from './openapi/openapi.service.js';
import { AutoreplyService } from './autoreply/autoreply.service.js';
import { TemplateBlockService } from './template-block/template-block.service.js';

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
  shorten: ShortenService,
  qrcodeJump: QrcodeJumpService,
  comment: CommentService,
  kf: KfService,
  openapi: OpenApiService,
  autoreply: AutoreplyService,
  templateBlock: TemplateBlockService,
  draft: DraftService,
  publish: PublishService,
  subscribe: SubscribeService,
  massHelpers: MassHelperService,
  oauth: OAuthService,
  jssdk: JssdkService,
  datacube: DatacubeService,
  intelligent: IntelligentService,
  invoice: InvoiceService,
  marketcode: MarketcodeService,
  store: StoreService,
  user: UserService,
  tag: TagService,
  blacklist: BlacklistService,
} as const satisfies Record<string, new (client: WechatApiClient) => object>;

export type AccountServiceName = keyof typeof ACCOUNT_SERVICES;
