import { list, optional, type InferFields, type ObjectSpec } from './message-schema.js';

/**
 * Every message and event type of the 公众号 callback docs, described once as data.
 * Adding a type is one line here; types, parser and emulator builders follow from it.
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
 *       https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
 *       https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Custom_Menu_Push_Events.html
 */

/** Fields some normal messages carry when they quote an article (文章评论/引用). */
const ARTICLE_REF = { MsgDataId: 'string?', Idx: 'string?' } as const;

export const MESSAGE_FIELDS = {
  text: { Content: 'string', MsgId: 'string', bizmsgmenuid: 'string?', ...ARTICLE_REF },
  image: { PicUrl: 'string', MediaId: 'string', MsgId: 'string', ...ARTICLE_REF },
  voice: { MediaId: 'string', Format: 'string', Recognition: 'string?', MediaId16K: 'string?', MsgId: 'string', ...ARTICLE_REF },
  video: { MediaId: 'string', ThumbMediaId: 'string', MsgId: 'string', ...ARTICLE_REF },
  shortvideo: { MediaId: 'string', ThumbMediaId: 'string', MsgId: 'string', ...ARTICLE_REF },
  location: { Location_X: 'string', Location_Y: 'string', Scale: 'string', Label: 'string', MsgId: 'string', ...ARTICLE_REF },
  link: { Title: 'string', Description: 'string', Url: 'string', MsgId: 'string', ...ARTICLE_REF },
  file: { Title: 'string', Description: 'string?', FileKey: 'string', FileMd5: 'string', FileTotalLen: 'string', MsgId: 'string' },
} as const satisfies Record<string, ObjectSpec>;

const SCAN_CODE_INFO = { ScanType: 'string', ScanResult: 'string' } as const;
const SEND_PICS_INFO = { Count: 'string', PicList: list({ PicMd5Sum: 'string' }) } as const;
const SEND_LOCATION_INFO = { Location_X: 'string', Location_Y: 'string', Scale: 'string', Label: 'string', Poiname: 'string?' } as const;

export const EVENT_FIELDS = {
  subscribe: { EventKey: 'string?', Ticket: 'string?' },
  unsubscribe: { EventKey: 'string?' },
  SCAN: { EventKey: 'string', Ticket: 'string?' },
  LOCATION: { Latitude: 'string', Longitude: 'string', Precision: 'string' },
  CLICK: { EventKey: 'string' },
  VIEW: { EventKey: 'string', MenuId: 'string?' },
  scancode_push: { EventKey: 'string', ScanCodeInfo: SCAN_CODE_INFO },
  scancode_waitmsg: { EventKey: 'string', ScanCodeInfo: SCAN_CODE_INFO },
  pic_sysphoto: { EventKey: 'string', SendPicsInfo: SEND_PICS_INFO },
  pic_photo_or_album: { EventKey: 'string', SendPicsInfo: SEND_PICS_INFO },
  pic_weixin: { EventKey: 'string', SendPicsInfo: SEND_PICS_INFO },
  location_select: { EventKey: 'string', SendLocationInfo: SEND_LOCATION_INFO },
  view_miniprogram: { EventKey: 'string', MenuId: 'string?' },
  TEMPLATESENDJOBFINISH: { MsgID: 'string', Status: 'string' },
  MASSSENDJOBFINISH: {
    MsgID: 'string',
    Status: 'string',
    TotalCount: 'string',
    FilterCount: 'string',
    SentCount: 'string',
    ErrorCount: 'string',
    CopyrightCheckResult: optional({
      Count: 'string',
      ResultList: list({
        ArticleIdx: 'string',
        UserDeclareState: 'string',
        AuditState: 'string',
        OriginalArticleUrl: 'string',
        OriginalArticleType: 'string',
        CanReprint: 'string',
        NeedReplaceContent: 'string',
        NeedShowReprintSource: 'string',
      }),
      CheckState: 'string',
    }),
    ArticleUrlResult: optional({ Count: 'string', ResultList: list({ ArticleIdx: 'string', ArticleUrl: 'string' }) }),
  },
  PUBLISHJOBFINISH: {
    PublishEventInfo: {
      publish_id: 'string',
      publish_status: 'string',
      article_id: 'string?',
      article_detail: optional({ count: 'string', item: list({ idx: 'string', article_url: 'string' }, null) }),
      fail_idx: optional(list('string', null)),
    },
  },
  subscribe_msg_popup_event: {
    SubscribeMsgPopupEvent: { List: list({ TemplateId: 'string', SubscribeStatusString: 'string', PopupScene: 'string' }, null) },
  },
  subscribe_msg_change_event: {
    SubscribeMsgChangeEvent: { List: list({ TemplateId: 'string', SubscribeStatusString: 'string' }, null) },
  },
  subscribe_msg_sent_event: {
    SubscribeMsgSentEvent: { List: list({ TemplateId: 'string', MsgID: 'string', ErrorCode: 'string', ErrorStatus: 'string' }, null) },
  },
  kf_create_session: { KfAccount: 'string' },
  kf_close_session: { KfAccount: 'string' },
  kf_switch_session: { FromKfAccount: 'string', ToKfAccount: 'string' },
  qualification_verify_success: { ExpiredTime: 'string' },
  qualification_verify_fail: { FailTime: 'string', FailReason: 'string' },
  naming_verify_success: { ExpiredTime: 'string' },
  naming_verify_fail: { FailTime: 'string', FailReason: 'string' },
  annual_renew: { ExpiredTime: 'string' },
  verify_expired: { ExpiredTime: 'string' },
  // 卡券事件推送: https://developers.weixin.qq.com/doc/offiaccount/Cards_and_Offer/Coupons_Vouchers_and_Cards_Event_Push_Messages.html
  card_pass_check: { CardId: 'string', RefuseReason: 'string?' },
  card_not_pass_check: { CardId: 'string', RefuseReason: 'string?' },
  user_get_card: { CardId: 'string', UserCardCode: 'string', IsGiveByFriend: 'string?', FriendUserName: 'string?', OuterId: 'string?', OldUserCardCode: 'string?', OuterStr: 'string?', IsRestoreMemberCard: 'string?', IsRecommendByFriend: 'string?', UnionId: 'string?' },
  user_gifting_card: { CardId: 'string', UserCardCode: 'string', IsReturnBack: 'string?', FriendUserName: 'string?', IsChatRoom: 'string?' },
  user_del_card: { CardId: 'string', UserCardCode: 'string' },
  user_consume_card: { CardId: 'string', UserCardCode: 'string', ConsumeSource: 'string?', LocationName: 'string?', StaffOpenId: 'string?', VerifyCode: 'string?', RemarkAmount: 'string?', OuterStr: 'string?' },
  user_pay_from_pay_cell: { CardId: 'string', UserCardCode: 'string', TransId: 'string?', LocationId: 'string?', Fee: 'string?', OriginalFee: 'string?' },
  user_view_card: { CardId: 'string', UserCardCode: 'string', OuterStr: 'string?' },
  user_enter_session_from_card: { CardId: 'string', UserCardCode: 'string' },
  update_member_card: { CardId: 'string', UserCardCode: 'string', ModifyBonus: 'string?', ModifyBalance: 'string?' },
  card_sku_remind: { CardId: 'string', Detail: 'string?' },
  card_pay_order: { OrderId: 'string', Status: 'string', CreateOrderTime: 'string?', PayFinishTime: 'string?', Desc: 'string?', FreeCoinCount: 'string?', PayCoinCount: 'string?', RefundFreeCoinCount: 'string?', RefundPayCoinCount: 'string?', OrderType: 'string?', Memo: 'string?', ReceiptInfo: 'string?' },
  submit_membercard_user_info: { CardId: 'string', UserCardCode: 'string' },
  // 导购助手 顾问二维码扫码事件: https://developers.weixin.qq.com/doc/offiaccount/Shopping_Guide/guide-account/shopping-guide.onGuideCreateQrCode.html
  guide_qrcode_scan_event: { GuideScanEvent: { qrcode_guide_account: 'string?', qrcode_guide_openid: 'string?', openid: 'string?', action: 'string?', qrcode_info: 'string?' } },
  // 电子发票 pushes: https://developers.weixin.qq.com/doc/offiaccount/WeChat_Invoice/E_Invoice/Vendor_API_List.html
  user_authorize_invoice: { SuccOrderId: 'string?', FailOrderId: 'string?', AuthorizeAppId: 'string?', Source: 'string?' },
  update_invoice_status: { Status: 'string', CardId: 'string', Code: 'string' },
  submit_invoice_title: { title: 'string', title_type: 'string?', phone: 'string?', tax_no: 'string?', addr: 'string?', bank_type: 'string?', bank_no: 'string?', attach: 'string?' },
  cloud_invoice_invoiceresult_event: { status: 'string', fpqqlsh: 'string', nsrsbh: 'string' },
} as const satisfies Record<string, ObjectSpec>;

export type MessageType = keyof typeof MESSAGE_FIELDS;
export type EventType = keyof typeof EVENT_FIELDS;

/** Fields every callback carries. All values are strings exactly as WeChat sent them. */
export interface MessageBase {
  ToUserName: string;
  FromUserName: string;
  CreateTime: string;
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};

export type MessageOf<T extends MessageType> = Simplify<MessageBase & { MsgType: T } & InferFields<(typeof MESSAGE_FIELDS)[T]>>;
export type EventOf<E extends EventType> = Simplify<
  MessageBase & { MsgType: 'event'; Event: E } & InferFields<(typeof EVENT_FIELDS)[E]>
>;

export type KnownMessage = { [T in MessageType]: MessageOf<T> }[MessageType];
export type KnownEvent = { [E in EventType]: EventOf<E> }[EventType];

/** A type this version does not know; delivered with all its fields, never dropped. */
export interface UnknownMessage extends MessageBase {
  MsgType: string;
  Event?: string;
  [field: string]: unknown;
}

/**
 * Every message and event type this version knows: narrow on `MsgType`, then on `Event`, and each field is typed
 * (`Event === 'CLICK'` gives `EventKey: string`). Types it does not know are kept out of this union, which they would
 * widen to `unknown` fields; they reach the fallback handler (`@OnMessage()`) as `AnyInboundMessage`.
 */
export type InboundMessage = KnownMessage | KnownEvent;

/** Anything WeChat may push, including types this version does not know (`UnknownMessage`). */
export type AnyInboundMessage = InboundMessage | UnknownMessage;

export type TextMessage = MessageOf<'text'>;
export type ImageMessage = MessageOf<'image'>;
export type VoiceMessage = MessageOf<'voice'>;
export type VideoMessage = MessageOf<'video'>;
export type ShortVideoMessage = MessageOf<'shortvideo'>;
export type LocationMessage = MessageOf<'location'>;
export type LinkMessage = MessageOf<'link'>;
export type FileMessage = MessageOf<'file'>;

export type SubscribeEvent = EventOf<'subscribe'>;
export type UnsubscribeEvent = EventOf<'unsubscribe'>;
export type ScanEvent = EventOf<'SCAN'>;
export type LocationEvent = EventOf<'LOCATION'>;
export type MenuClickEvent = EventOf<'CLICK'>;
export type MenuViewEvent = EventOf<'VIEW'>;
export type ScanCodePushEvent = EventOf<'scancode_push'>;
export type ScanCodeWaitMsgEvent = EventOf<'scancode_waitmsg'>;
export type PicSysPhotoEvent = EventOf<'pic_sysphoto'>;
export type PicPhotoOrAlbumEvent = EventOf<'pic_photo_or_album'>;
export type PicWeixinEvent = EventOf<'pic_weixin'>;
export type LocationSelectEvent = EventOf<'location_select'>;
export type ViewMiniprogramEvent = EventOf<'view_miniprogram'>;
export type TemplateSendJobFinishEvent = EventOf<'TEMPLATESENDJOBFINISH'>;
export type MassSendJobFinishEvent = EventOf<'MASSSENDJOBFINISH'>;
export type PublishJobFinishEvent = EventOf<'PUBLISHJOBFINISH'>;
export type SubscribeMsgPopupEvent = EventOf<'subscribe_msg_popup_event'>;
export type SubscribeMsgChangeEvent = EventOf<'subscribe_msg_change_event'>;
export type SubscribeMsgSentEvent = EventOf<'subscribe_msg_sent_event'>;
export type KfCreateSessionEvent = EventOf<'kf_create_session'>;
export type KfCloseSessionEvent = EventOf<'kf_close_session'>;
export type KfSwitchSessionEvent = EventOf<'kf_switch_session'>;
/** A subscribe (with `qrscene_`) or SCAN event, as `@OnScan()` delivers it. */
export type QrSceneEvent = SubscribeEvent | ScanEvent;

export function isKnownMessageType(type: string): type is MessageType {
  return Object.hasOwn(MESSAGE_FIELDS, type);
}
export function isKnownEventType(event: string): event is EventType {
  return Object.hasOwn(EVENT_FIELDS, event);
}
