import type { ImageContent, MpNewsContent, TextContent, VoiceContent, WxCardContent } from '../../message/reply.js';

/**
 * Template messages, in the documented JSON shape.
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
 */
export interface TemplateMessage {
  touser: string;
  template_id: string;
  /** Opened on tap (ignored when `miniprogram` opens and the client supports it). */
  url?: string;
  miniprogram?: { appid: string; pagepath?: string };
  data: Record<string, { value: string; color?: string }>;
  /**
   * Dedupe id: for one OpenID and one `client_msg_id` WeChat sends one message (within 10 minutes).
   * Generated when left out, and returned, so a caller repeating the send reuses it.
   */
  client_msg_id?: string;
}

export interface TemplateSendResult {
  msgid: number;
  client_msg_id: string;
}

export interface TemplateIndustry {
  primary_industry: { first_class: string; second_class: string };
  secondary_industry: { first_class: string; second_class: string };
}

export interface PrivateTemplate {
  template_id: string;
  title: string;
  primary_industry: string;
  deputy_industry: string;
  content: string;
  example: string;
}

/** Several images in one mass send (图片消息 of the mass API); `image` content sends one. */
export type MassImagesContent = {
  type: 'images';
  mediaIds: string[];
  recommend?: string;
  needOpenComment?: 0 | 1;
  onlyFansCanComment?: 0 | 1;
};
/** A video prepared for mass sends (its media_id comes from `media/uploadvideo`). */
export type MassVideoContent = { type: 'mpvideo'; mediaId: string };

/**
 * What a mass send can carry. Reuses the one message model (lib/message/reply.ts) where the content is the same.
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
 */
export type MassMessage =
  | TextContent
  | ImageContent
  | VoiceContent
  | MpNewsContent
  | WxCardContent
  | MassImagesContent
  | MassVideoContent;

export interface MassSendOptions {
  /** For mpnews judged a reprint: `true` sends anyway (when the original allows it). Default false. */
  sendIgnoreReprint?: boolean;
  /**
   * Dedupe id (documented ≤ 64 bytes): WeChat refuses a second mass send with the same id within 24 h (errcode
   * 45065). Generated when left out; pass the returned one to repeat a send safely.
   */
  clientMsgId?: string;
}

/** WeChat's answer to a mass send. */
export interface MassSendAnswer {
  msg_id: number;
  msg_data_id?: number;
}

export interface MassSendResult {
  msg_id: number;
  msg_data_id?: number;
  clientmsgid: string;
}

export type MassPreviewTarget = { openId: string } | { wxName: string };

export interface MassStatus {
  msg_id: number;
  /** `SEND_SUCCESS`, `SENDING`, `SEND_FAIL`, `DELETE`. */
  msg_status: string;
}
