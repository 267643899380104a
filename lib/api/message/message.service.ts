import { randomBytes } from 'node:crypto';
import { WechatValidationError } from '../../errors/wechat-validation.error.js';
import { toCustomerServiceBody } from '../../message/customer-service-serializer.js';
import type { CustomerServiceMessage } from '../../message/reply.js';
import type { WechatApiClient } from '../wechat-api.client.js';
import { validateDto } from '../dto/validate-dto.js';
import { CustomSendDto, type MassPreviewDto, type MassSendAllDto, type MassSendDto } from './message.dto.js';
import { MESSAGE_ENDPOINTS as E } from './message.endpoints.js';
import type {
  MassMessage,
  MassPreviewTarget,
  MassSendOptions,
  MassSendResult,
  MassStatus,
  PrivateTemplate,
  TemplateIndustry,
  TemplateMessage,
  TemplateSendResult,
} from './message.types.js';

type MassContent = Pick<MassSendDto, 'msgtype' | 'text' | 'voice' | 'mpnews' | 'mpvideo' | 'wxcard' | 'images'> &
  Pick<MassPreviewDto, 'image'>;

/**
 * Wire form of each mass message type: `msgtype` and its body. Preview takes one image as `image.media_id`,
 * sends take `images.media_ids` (a preview of several images is refused by `MassPreviewDto`).
 */
const MASS_BODIES: {
  readonly [T in MassMessage['type']]: (message: Extract<MassMessage, { type: T }>, preview: boolean) => MassContent;
} = {
  text: (m) => ({ msgtype: 'text', text: { content: m.content } }),
  voice: (m) => ({ msgtype: 'voice', voice: { media_id: m.mediaId } }),
  mpnews: (m) => ({ msgtype: 'mpnews', mpnews: { media_id: m.mediaId } }),
  wxcard: (m) => ({ msgtype: 'wxcard', wxcard: { card_id: m.cardId } }),
  mpvideo: (m) => ({ msgtype: 'mpvideo', mpvideo: { media_id: m.mediaId } }),
  image: (m, preview) =>
    preview ? { msgtype: 'image', image: { media_id: m.mediaId } } : { msgtype: 'image', images: { media_ids: [m.mediaId] } },
  images: (m) => ({
    msgtype: 'image',
    images: {
      media_ids: m.mediaIds,
      ...(m.recommend === undefined ? {} : { recommend: m.recommend }),
      ...(m.needOpenComment === undefined ? {} : { need_open_comment: m.needOpenComment }),
      ...(m.onlyFansCanComment === undefined ? {} : { only_fans_can_comment: m.onlyFansCanComment }),
    },
  }),
};

/**
 * Messages the account sends: customer-service messages (within 48 h of the user's last interaction), template
 * messages and their admin, mass sends. Sends are never repeated by the client once they may have reached WeChat;
 * template and mass sends carry a dedupe id (generated unless given) so a caller's own repeat cannot go out twice.
 */
export class MessageService {
  constructor(private readonly client: WechatApiClient) {}

  /** 发送客服消息; `kfAccount` sends it as that customer-service agent. */
  async sendCustomerService(toUser: string, message: CustomerServiceMessage, options: { kfAccount?: string } = {}): Promise<void> {
    let wire: Record<string, unknown>;
    try {
      // The shared message model checks and serializes the content (one table for replies and customer service).
      wire = toCustomerServiceBody(toUser, message, options.kfAccount);
    } catch (error) {
      if (!(error instanceof WechatValidationError)) throw error;
      // The model names the recipient `toUser`; the wire (and this error) `touser`.
      throw error.field === 'toUser' ? new WechatValidationError('touser', error.reason, { cause: error }) : error.within('message');
    }
    // The wire body it makes is the row's DTO: checked as such, which also types it.
    await this.client.call(E.customSend, validateDto(CustomSendDto, wire));
  }

  /** 客服输入状态: shows (or with `false` hides) "typing…" to the user. */
  async typing(toUser: string, typing = true): Promise<void> {
    await this.client.call(E.customTyping, { touser: toUser, command: typing ? 'Typing' : 'CancelTyping' });
  }

  /** 发送模板消息: returns WeChat's `msgid` and the `client_msg_id` used. */
  async sendTemplate(message: TemplateMessage): Promise<TemplateSendResult> {
    const clientMsgId = message?.client_msg_id ?? newDedupeId();
    const answer = await this.client.call(E.templateSend, { ...message, client_msg_id: clientMsgId });
    return { msgid: answer.msgid, client_msg_id: clientMsgId };
  }

  /** 设置所属行业: the account's two industry codes (changeable once a month). */
  async setIndustry(industryId1: string | number, industryId2: string | number): Promise<void> {
    await this.client.call(E.templateSetIndustry, { industry_id1: codeOf(industryId1), industry_id2: codeOf(industryId2) });
  }

  /** 获取设置的行业信息. */
  getIndustry(): Promise<TemplateIndustry> {
    return this.client.call(E.templateGetIndustry);
  }

  /** 获得模板ID: adds a template from the library by its short id; returns the account's `template_id`. */
  async addTemplate(templateIdShort: string, keywordNames?: string[]): Promise<string> {
    const answer = await this.client.call(E.templateAdd, {
      template_id_short: templateIdShort,
      ...(keywordNames === undefined ? {} : { keyword_name_list: keywordNames }),
    });
    return answer.template_id;
  }

  /** 获取模板列表. */
  async listTemplates(): Promise<PrivateTemplate[]> {
    return (await this.client.call(E.templateList)).template_list ?? [];
  }

  /** 删除模板. */
  async deleteTemplate(templateId: string): Promise<void> {
    await this.client.call(E.templateDelete, { template_id: templateId });
  }

  /** 根据标签进行群发, to every follower. */
  massSendToAll(message: MassMessage, options: MassSendOptions = {}): Promise<MassSendResult> {
    return this.massSendAll({ is_to_all: true }, message, options);
  }

  /** 根据标签进行群发, to the followers carrying a tag. */
  massSendToTag(tagId: number, message: MassMessage, options: MassSendOptions = {}): Promise<MassSendResult> {
    return this.massSendAll({ is_to_all: false, tag_id: tagId }, message, options);
  }

  /** 根据OpenID列表群发: to 2–10000 OpenIDs. */
  async massSendToOpenIds(openIds: string[], message: MassMessage, options: MassSendOptions = {}): Promise<MassSendResult> {
    const body = { touser: openIds, ...this.massContent(message, options) };
    return resultOf(await this.client.call(E.massSend, body), body.clientmsgid);
  }

  /** 预览接口: sends a mass message to one user to check how it looks (counts against no mass quota). */
  async massPreview(target: MassPreviewTarget, message: MassMessage): Promise<void> {
    const to = target && 'wxName' in target ? { towxname: target.wxName } : { touser: target?.openId };
    await this.client.call(E.massPreview, { ...to, ...massBody(message, true) });
  }

  /** 删除群发: the article at `articleIdx` (1-based; 0 or none deletes all of them). */
  async massDelete(msgId: number | string, articleIdx?: number): Promise<void> {
    await this.client.call(E.massDelete, { msg_id: msgId, ...(articleIdx === undefined ? {} : { article_idx: articleIdx }) });
  }

  /** 查询群发消息发送状态. */
  massStatus(msgId: number | string): Promise<MassStatus> {
    return this.client.call(E.massGet, { msg_id: msgId });
  }

  private async massSendAll(filter: MassSendAllDto['filter'], message: MassMessage, options: MassSendOptions): Promise<MassSendResult> {
    const body = { filter, ...this.massContent(message, options) };
    return resultOf(await this.client.call(E.massSendAll, body), body.clientmsgid);
  }

  private massContent(message: MassMessage, options: MassSendOptions) {
    return {
      ...massBody(message, false),
      ...(message?.type === 'mpnews' ? { send_ignore_reprint: options.sendIgnoreReprint ? (1 as const) : (0 as const) } : {}),
      clientmsgid: options.clientMsgId ?? newDedupeId(),
    };
  }
}

/** The wire content of a mass message; an unknown type goes out as its `msgtype` alone, which the DTO refuses. */
function massBody(message: MassMessage, preview: boolean): MassContent {
  const build = MASS_BODIES[message?.type] as ((m: MassMessage, preview: boolean) => MassContent) | undefined;
  return build ? build(message, preview) : { msgtype: String(message?.type) };
}

function resultOf(answer: { msg_id: number; msg_data_id?: number }, clientmsgid: string): MassSendResult {
  return { msg_id: answer.msg_id, ...(answer.msg_data_id === undefined ? {} : { msg_data_id: answer.msg_data_id }), clientmsgid };
}

/** A numeric code is sent as its digits; anything else is left for `SetIndustryDto` to judge (not `"undefined"`). */
function codeOf(id: string | number): string {
  return typeof id === 'number' ? String(id) : id;
}

/** 24 hex characters: unique enough for a 24-hour dedupe window, well under the 64-byte limit. */
function newDedupeId(): string {
  return randomBytes(12).toString('hex');
}
