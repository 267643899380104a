import { buildEvent } from '../message/message-builders.js';
import type { InboundMessage } from '../message/message-types.js';
import type { AccountState } from './emulator-state.js';

/** A follower's answer to a 订阅通知 template (`emulator.subscribeDecision()`). */
export interface SubscribeDecision {
  /** priTmplId, as `addtemplate` returned it. */
  templateId: string;
  status: 'accept' | 'reject';
  /** `popup`: in the subscribe popup (default); `settings`: later, in the account's notification settings. */
  via?: 'popup' | 'settings';
  /** Where the popup was shown: 0 网页 (default), 1 图文, 2 … as the docs number them. */
  popupScene?: string;
}

/**
 * Applies the decision to the account's consent records and returns the event WeChat pushes for it
 * (https://developers.weixin.qq.com/doc/offiaccount/Subscription_Messages/api.html, 事件推送).
 */
export function decideSubscription(account: AccountState, openid: string, decision: SubscribeDecision, now: number): InboundMessage {
  const state = account.subscribe;
  const template = state.templates.get(decision.templateId);
  // A long-term template (type 3) allows sends until rejected; a one-time one allows one send per acceptance.
  const sends = decision.status === 'reject' ? 0 : template?.type === 3 ? Infinity : state.sendsLeft(openid, decision.templateId) + 1;
  state.setGrant(openid, decision.templateId, sends);
  const base = { FromUserName: openid, CreateTime: String(now) };
  if (decision.via === 'settings') {
    return buildEvent('subscribe_msg_change_event', {
      ...base,
      SubscribeMsgChangeEvent: { List: [{ TemplateId: decision.templateId, SubscribeStatusString: decision.status }] },
    });
  }
  return buildEvent('subscribe_msg_popup_event', {
    ...base,
    SubscribeMsgPopupEvent: {
      List: [{ TemplateId: decision.templateId, SubscribeStatusString: decision.status, PopupScene: decision.popupScene ?? '0' }],
    },
  });
}
