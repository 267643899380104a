import type { EventOf, EventType } from './message-types.js';

/**
 * Events of areas the platform has retired. They stay in the event table, so an old account that still pushes
 * one gets it parsed and typed (an unknown type is never dropped either), but new code should not rely on them.
 *
 * - 微信卡券: new 优惠券 could no longer be created from 2021-04-01 (announcement of 2021-03; 微信支付优惠券
 *   replaces them) and the current 公众号/服务号 docs list the whole 卡券 tree as taken down ("此文档已下架").
 * - 服务号对话能力 (导购助手): "微信服务号对话能力将于2023年3月16日正式下线"
 *   (https://developers.weixin.qq.com/doc/offiaccount/Shopping_Guide/guide.html).
 */
export const RETIRED_EVENTS = {
  card_pass_check: 'card', card_not_pass_check: 'card', user_get_card: 'card', user_gifting_card: 'card',
  user_del_card: 'card', user_consume_card: 'card', user_pay_from_pay_cell: 'card', user_view_card: 'card',
  user_enter_session_from_card: 'card', update_member_card: 'card', card_sku_remind: 'card', card_pay_order: 'card',
  submit_membercard_user_info: 'card', guide_qrcode_scan_event: 'guide',
} as const satisfies Partial<Record<EventType, 'card' | 'guide'>>;

export const RETIRED_AREAS = {
  card: { name: '微信卡券', retired: '2021-04-01 (优惠券); the 卡券 docs are now taken down', replacement: '微信支付优惠券 / 商家券' },
  guide: { name: '服务号对话能力 (导购助手)', retired: '2023-03-16', replacement: '微信客服, 企业微信' },
} as const;

export type RetiredEventType = keyof typeof RETIRED_EVENTS;

/** Whether an event belongs to a retired area (still parsed and delivered). */
export function isRetiredEvent(event: string): event is RetiredEventType {
  return Object.hasOwn(RETIRED_EVENTS, event);
}

/** @deprecated 微信卡券 is retired (优惠券 creation ended 2021-04-01; the 卡券 docs are taken down). Still parsed. */
export type CardPassCheckEvent = EventOf<'card_pass_check'>;
/** @deprecated 微信卡券 is retired (see `RETIRED_AREAS.card`). Still parsed. */
export type CardNotPassCheckEvent = EventOf<'card_not_pass_check'>;
/** @deprecated 微信卡券 is retired (see `RETIRED_AREAS.card`). Still parsed. */
export type UserGetCardEvent = EventOf<'user_get_card'>;
/** @deprecated 微信卡券 is retired (see `RETIRED_AREAS.card`). Still parsed. */
export type UserGiftingCardEvent = EventOf<'user_gifting_card'>;
/** @deprecated 微信卡券 is retired (see `RETIRED_AREAS.card`). Still parsed. */
export type UserDelCardEvent = EventOf<'user_del_card'>;
/** @deprecated 微信卡券 is retired (see `RETIRED_AREAS.card`). Still parsed. */
export type UserConsumeCardEvent = EventOf<'user_consume_card'>;
/** @deprecated 微信卡券 is retired (see `RETIRED_AREAS.card`). Still parsed. */
export type UserPayFromPayCellEvent = EventOf<'user_pay_from_pay_cell'>;
/** @deprecated 微信卡券 is retired (see `RETIRED_AREAS.card`). Still parsed. */
export type UserViewCardEvent = EventOf<'user_view_card'>;
/** @deprecated 微信卡券 is retired (see `RETIRED_AREAS.card`). Still parsed. */
export type UserEnterSessionFromCardEvent = EventOf<'user_enter_session_from_card'>;
/** @deprecated 微信卡券 is retired (see `RETIRED_AREAS.card`). Still parsed. */
export type UpdateMemberCardEvent = EventOf<'update_member_card'>;
/** @deprecated 微信卡券 is retired (see `RETIRED_AREAS.card`). Still parsed. */
export type CardSkuRemindEvent = EventOf<'card_sku_remind'>;
/** @deprecated 微信卡券 is retired (see `RETIRED_AREAS.card`). Still parsed. */
export type CardPayOrderEvent = EventOf<'card_pay_order'>;
/** @deprecated 微信卡券 is retired (see `RETIRED_AREAS.card`). Still parsed. */
export type SubmitMembercardUserInfoEvent = EventOf<'submit_membercard_user_info'>;
/** @deprecated 服务号对话能力 (导购助手) was taken offline on 2023-03-16. Still parsed. */
export type GuideQrcodeScanEvent = EventOf<'guide_qrcode_scan_event'>;
