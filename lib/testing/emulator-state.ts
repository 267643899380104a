import type { CallbackConfig } from './push/platform-pushes.js';
import { PublishState } from './publish-state.js';
import { QuotaLedger } from './quota-ledger.js';
import { SubscribeState } from './subscribe-state.js';
import { OAuthLedger } from './oauth-ledger.js';
import { TicketLedger } from './ticket-ledger.js';

/** A JSON object as posted by the caller. */
export type JsonObject = Record<string, unknown>;

export type MediaKind = 'temporary' | 'permanent' | 'uploadimg';
export type MediaType = 'image' | 'voice' | 'video' | 'thumb';

/** A file uploaded through `media/upload`, `material/add_material` or `media/uploadimg`. */
export interface MediaRecord {
  readonly mediaId: string;
  readonly kind: MediaKind;
  readonly type: MediaType;
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Buffer;
  /** Emulator time, epoch ms. */
  readonly createdAt: number;
  /** Where the emulator serves the bytes (permanent images and `uploadimg` return it to the caller). */
  readonly url: string;
  /** Permanent video only: the `description` form field. */
  readonly title?: string;
  readonly introduction?: string;
}

export type QrActionName = 'QR_SCENE' | 'QR_STR_SCENE' | 'QR_LIMIT_SCENE' | 'QR_LIMIT_STR_SCENE';

export interface QrTicket {
  readonly ticket: string;
  readonly actionName: QrActionName;
  readonly sceneId?: number;
  readonly sceneStr?: string;
  /** Temporary codes only. */
  readonly expireSeconds?: number;
  readonly createdAt: number;
  /** The `url` WeChat returns (what the QR image encodes). */
  readonly url: string;
}

export type SentKind = 'custom' | 'typing' | 'template' | 'mass' | 'mass-preview' | 'subscribe' | 'subscribe-once';

/** A message the app asked WeChat to deliver (customer service, template, mass send), exactly as posted. */
export interface SentMessage {
  readonly kind: SentKind;
  readonly at: number;
  /** Recipient openid(s), or `'tag:<id>'` / `'all'` for a mass send. */
  readonly to: string | readonly string[];
  readonly msgtype?: string;
  readonly body: JsonObject;
  readonly msgId?: number;
}

export interface TemplateRecord {
  readonly template_id: string;
  readonly title: string;
  readonly primary_industry: string;
  readonly deputy_industry: string;
  readonly content: string;
  readonly example: string;
}

export interface MassRecord {
  readonly msgId: number;
  readonly msgDataId?: number;
  readonly at: number;
  deleted: boolean;
}

export interface Follower {
  readonly openid: string;
  subscribeTime: number;
  remark: string;
  tagIds: number[];
  /** Last time the user messaged the account (epoch ms); customer-service messages need one within 48 h. */
  lastInteraction: number;
  subscribeScene: string;
  qrScene: number;
  qrSceneStr: string;
}

/** An e-invoice order a user was asked to authorise (`card/invoice/getauthurl`). */
export interface InvoiceOrder {
  readonly orderId: string;
  readonly sPappid: string;
  readonly money: number;
  readonly source: string;
  readonly openid: string;
  status: 'authorized' | 'rejected' | 'inserted';
  readonly authTime: number;
}

/** An invoice in a user's card package (`card/invoice/insert`). */
export interface InvoiceCard {
  readonly cardId: string;
  readonly code: string;
  /** What the reimburser gets from the user's invoice list (the emulator: base64 of the code). */
  readonly encryptCode: string;
  readonly openid: string;
  readonly orderId: string;
  readonly userData: JsonObject;
  reimburseStatus: string;
}

/** A 一物一码 code application (`intp/marketcode/applycode`). */
export interface MarketcodeApplication {
  readonly applicationId: number;
  readonly isvApplicationId: string;
  readonly count: number;
  readonly createdAt: number;
}

/** A code range bound to an activity (`intp/marketcode/codeactive`), fields as WeChat answers them. */
export interface MarketcodeActivation {
  readonly application_id: number;
  readonly code_start: number;
  readonly code_end: number;
  readonly [field: string]: unknown;
}

export interface Tag {
  readonly id: number;
  name: string;
}

/** A `shorten/gen` entry. */
export interface ShortKeyRecord {
  readonly longData: string;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly expireSeconds: number;
}

/** A "扫服务号二维码打开小程序" rule (`wxopen/qrcodejumpadd`). */
export interface QrJumpRule {
  readonly prefix: string;
  appid: string;
  path: string;
  /** 1 unpublished, 2 published. */
  state: 1 | 2;
}

/** One user comment (留言) on a published article. */
export interface CommentRecord {
  readonly userCommentId: number;
  readonly openid: string;
  /** Unix seconds. */
  readonly createTime: number;
  readonly content: string;
  /** 0 normal, 1 精选. */
  commentType: 0 | 1;
  reply?: { content: string; createTime: number };
  deleted: boolean;
}

/** The comments of one article of a publish (`msg_data_id` + `index`). */
export interface ArticleComments {
  open: boolean;
  readonly comments: CommentRecord[];
}

export interface KfAccountRecord {
  readonly kfAccount: string;
  readonly kfId: string;
  nickname: string;
  headImgUrl: string;
  kfWx?: string;
  invite?: { wx: string; expireTime: number; status: 'waiting' | 'rejected' | 'expired' };
  /** getonlinekflist `status`: 0 offline, 1 web, 2 mobile, 3 both. */
  onlineStatus: 0 | 1 | 2 | 3;
}

/** A customer-service chat record (`msgrecord/getmsglist`). */
export interface KfChatRecord {
  readonly openid: string;
  /** 2002 sent by the worker, 2003 received from the user. */
  readonly opercode: 2002 | 2003;
  readonly text: string;
  /** Unix seconds. */
  readonly time: number;
  readonly worker: string;
}

/** A template message the platform blocked (`wxa/sec/queryblocktmplmsg`). */
export interface BlockedTemplateRecord {
  readonly id: number;
  readonly tmplMsgId: string;
  readonly title: string;
  readonly content: string;
  readonly sendTimestamp: number;
  readonly openid: string;
}

/** Everything the emulator remembers about one 公众号. */
export class AccountState {
  menu: JsonObject | null = null;
  readonly conditionalMenus = new Map<string, { menuid: string; button: unknown[]; matchrule: JsonObject }>();
  readonly media = new Map<string, MediaRecord>();
  readonly qrTickets = new Map<string, QrTicket>();
  readonly sent: SentMessage[] = [];
  readonly templates = new Map<string, TemplateRecord>();
  industry: { primary: string; secondary: string } | null = null;
  readonly mass = new Map<number, MassRecord>();
  /** clientmsgid → the mass send that used it (WeChat refuses a repeat within 24 h with 45065). */
  readonly massClientMsgIds = new Map<string, { msgId: number; at: number }>();
  readonly followers = new Map<string, Follower>();
  /** Blocked OpenIDs (黑名单). Kept across an unsubscribe, as on the platform. */
  readonly blacklist = new Set<string>();
  readonly tags = new Map<number, Tag>([
    // WeChat's system tags (https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html)
    [0, { id: 0, name: '未分组' }],
    [1, { id: 1, name: '黑名单' }],
    [2, { id: 2, name: '星标组' }],
  ]);
  readonly quota = new QuotaLedger();
  quotaClears = { month: '', count: 0 };
  /** Where events the platform raises on its own are pushed; unset = recorded, not delivered. */
  callback?: CallbackConfig;
  /** `openapi/quota/clear` resets this month (50 a month, counted apart from clear_quota's 10). */
  apiQuotaClears = { month: '', count: 0 };
  readonly shortKeys = new Map<string, ShortKeyRecord>();
  readonly qrJumpRules = new Map<string, QrJumpRule>();
  qrJumpPublishes = { month: '', count: 0 };
  /** Comments by `${msg_data_id}:${index}`. */
  readonly comments = new Map<string, ArticleComments>();
  readonly kfAccounts = new Map<string, KfAccountRecord>();
  /** Open customer-service sessions by the customer's openid. */
  readonly kfSessions = new Map<string, { kfAccount: string; createTime: number }>();
  /** Customers waiting for a worker: openid → latest_time (Unix seconds). */
  readonly kfWaiting = new Map<string, number>();
  readonly kfRecords: KfChatRecord[] = [];
  /** `get_current_autoreply_info`'s answer; null = WeChat's "nothing set up" answer. */
  autoreply: JsonObject | null = null;
  readonly blockedTemplates: BlockedTemplateRecord[] = [];
  /** Draft box, publishing jobs, published articles, mass-send materials. */
  readonly publishing = new PublishState();
  /** 订阅通知 templates and followers' consent. */
  readonly subscribe = new SubscribeState();
  /** JS-SDK tickets (getticket). */
  readonly tickets = new TicketLedger();
  /** OAuth2 网页授权: codes, user tokens, profiles, the current visitor. */
  readonly oauth = new OAuthLedger();
  /** 电子发票: orders, card templates, PDFs, inserted invoices and the merchant settings (setbizattr). */
  readonly invoice = {
    orders: new Map<string, InvoiceOrder>(),
    templates: new Map<string, JsonObject>(),
    pdfs: new Map<string, Buffer>(),
    cards: new Map<string, InvoiceCard>(),
    bizAttr: {} as { auth_field?: JsonObject; paymch_info?: JsonObject; contact?: JsonObject },
  };
  /** 一物一码: applications and activated code ranges. */
  readonly marketcode = { applications: new Map<number, MarketcodeApplication>(), activations: [] as MarketcodeActivation[] };
  /** 门店小程序: the store mini program application, the stores by poi_id, the map POIs created. */
  readonly stores = {
    merchant: null as { audit_id: number; status: number; reason: string; nickname: unknown; intro: unknown } | null,
    list: new Map<string, JsonObject>(),
    mapPois: new Map<string, JsonObject>(),
  };
  /** AI voice uploads (addvoicetorecofortext), by voice_id. */
  readonly voices = new Map<string, { text: string; lang: string; at: number }>();
  private seq = 100;
  /** New tags get ids from 100 up; 0–2 are the system tags. */
  private tagSeq = 100;

  constructor(
    readonly appId: string,
    readonly appSecret: string,
    readonly token?: string,
    readonly encodingAESKey?: string,
  ) {}

  /** A number unique within this account (menu ids, msg ids, tag ids). */
  nextId(): number {
    return this.seq++;
  }

  nextTagId(): number {
    return this.tagSeq++;
  }

  follow(openid: string, now: number): Follower {
    let follower = this.followers.get(openid);
    if (!follower) {
      follower = {
        openid,
        subscribeTime: Math.floor(now / 1000),
        remark: '',
        tagIds: [],
        lastInteraction: now,
        subscribeScene: 'ADD_SCENE_OTHERS',
        qrScene: 0,
        qrSceneStr: '',
      };
      this.followers.set(openid, follower);
    }
    return follower;
  }
}
