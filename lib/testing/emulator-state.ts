import { QuotaLedger } from './quota-ledger.js';

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

export type SentKind = 'custom' | 'typing' | 'template' | 'mass' | 'mass-preview';

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

export interface Tag {
  readonly id: number;
  name: string;
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
