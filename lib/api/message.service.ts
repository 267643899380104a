import { randomBytes } from 'node:crypto';
import { WechatReplyError } from '../errors/wechat-reply.error.js';
import { WechatValidationError } from '../errors/wechat-validation.error.js';
import type { CustomerServiceMessage } from '../message/reply.js';
import { toCustomerServiceBody } from '../message/customer-service-serializer.js';
import { checkArray, checkInteger, checkObject, checkOneOf, checkString, invalid } from './api-validation.js';
import type { WechatApiClient } from './wechat-api.client.js';
import { ENDPOINTS } from './wechat-endpoints.js';
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

/** Mass-send limits (docs: OpenIDs 2–10000 per send, clientmsgid ≤ 64 bytes, up to 20 images). */
export const MASS_LIMITS = { openIds: { min: 2, max: 10_000 }, clientMsgIdBytes: 64, images: 20 } as const;

/**
 * Wire form of each mass message type: `msgtype` and its body. Preview takes one image as `image.media_id`,
 * sends take `images.media_ids`.
 */
const MASS_BODIES: {
  readonly [T in MassMessage['type']]: (message: Extract<MassMessage, { type: T }>, preview: boolean) => Record<string, unknown>;
} = {
  text: (m) => ({ msgtype: 'text', text: { content: m.content } }),
  voice: (m) => ({ msgtype: 'voice', voice: { media_id: m.mediaId } }),
  mpnews: (m) => ({ msgtype: 'mpnews', mpnews: { media_id: m.mediaId } }),
  wxcard: (m) => ({ msgtype: 'wxcard', wxcard: { card_id: m.cardId } }),
  mpvideo: (m) => ({ msgtype: 'mpvideo', mpvideo: { media_id: m.mediaId } }),
  image: (m, preview) =>
    preview ? { msgtype: 'image', image: { media_id: m.mediaId } } : { msgtype: 'image', images: { media_ids: [m.mediaId] } },
  images: (m, preview) => {
    if (preview) invalid('message.type', 'preview sends one image: use { type: "image", mediaId }');
    return {
      msgtype: 'image',
      images: {
        media_ids: m.mediaIds,
        ...(m.recommend === undefined ? {} : { recommend: m.recommend }),
        ...(m.needOpenComment === undefined ? {} : { need_open_comment: m.needOpenComment }),
        ...(m.onlyFansCanComment === undefined ? {} : { only_fans_can_comment: m.onlyFansCanComment }),
      },
    };
  },
};
const MASS_TYPES = Object.keys(MASS_BODIES) as MassMessage['type'][];
const MASS_REQUIRED: { readonly [T in MassMessage['type']]: readonly string[] } = {
  text: ['content'],
  voice: ['mediaId'],
  mpnews: ['mediaId'],
  wxcard: ['cardId'],
  mpvideo: ['mediaId'],
  image: ['mediaId'],
  images: [],
};

/**
 * Messages the account sends: customer-service messages (within 48 h of the user's last interaction), template
 * messages and their admin, mass sends. Sends are never repeated by the client once they may have reached WeChat;
 * template and mass sends carry a dedupe id (generated unless given) so a caller's own repeat cannot go out twice.
 */
export class MessageService {
  constructor(private readonly client: WechatApiClient) {}

  /** Sends a customer-service message; `kfAccount` sends it as that customer-service agent. */
  async sendCustomerService(toUser: string, message: CustomerServiceMessage, options: { kfAccount?: string } = {}): Promise<void> {
    checkString(toUser, 'touser');
    checkString(options.kfAccount, 'kf_account', { optional: true });
    let body: Record<string, unknown>;
    try {
      // The shared message model checks and serializes the content (one table for replies and customer service).
      body = toCustomerServiceBody(toUser, message, options.kfAccount);
    } catch (error) {
      if (!(error instanceof WechatReplyError)) throw error;
      throw new WechatValidationError(`message.${error.field}`, reasonOf(error), { cause: error });
    }
    await this.client.request(ENDPOINTS.customSend, { body });
  }

  /** Shows (or with `false` hides) "typing…" to the user. */
  async typing(toUser: string, typing = true): Promise<void> {
    checkString(toUser, 'touser');
    await this.client.request(ENDPOINTS.customTyping, {
      body: { touser: toUser, command: typing ? 'Typing' : 'CancelTyping' },
    });
  }

  /** Sends a template message; returns WeChat's `msgid` and the `client_msg_id` used. */
  async sendTemplate(message: TemplateMessage): Promise<TemplateSendResult> {
    checkObject(message, 'message');
    checkString(message.touser, 'touser');
    checkString(message.template_id, 'template_id');
    checkString(message.url, 'url', { optional: true });
    if (message.miniprogram !== undefined) {
      checkObject(message.miniprogram, 'miniprogram');
      checkString(message.miniprogram.appid, 'miniprogram.appid');
      checkString(message.miniprogram.pagepath, 'miniprogram.pagepath', { optional: true });
    }
    const data = checkObject(message.data, 'data');
    for (const [key, entry] of Object.entries(data)) {
      const item = checkObject(entry, `data.${key}`);
      if (typeof item.value !== 'string') invalid(`data.${key}.value`, 'must be a string');
      checkString(item.color, `data.${key}.color`, { optional: true });
    }
    const clientMsgId = message.client_msg_id ?? newDedupeId();
    checkString(clientMsgId, 'client_msg_id');
    const answer = await this.client.request<{ msgid: number }>(ENDPOINTS.templateSend, {
      body: { ...message, client_msg_id: clientMsgId },
    });
    return { msgid: answer.msgid, client_msg_id: clientMsgId };
  }

  /** Sets the account's two industries (changeable once a month). */
  async setIndustry(industryId1: string | number, industryId2: string | number): Promise<void> {
    checkString(String(industryId1), 'industry_id1');
    checkString(String(industryId2), 'industry_id2');
    await this.client.request(ENDPOINTS.templateSetIndustry, {
      body: { industry_id1: String(industryId1), industry_id2: String(industryId2) },
    });
  }

  getIndustry(): Promise<TemplateIndustry> {
    return this.client.request<TemplateIndustry>(ENDPOINTS.templateGetIndustry);
  }

  /** Adds a template from the library by its short id; returns the account's `template_id`. */
  async addTemplate(templateIdShort: string, keywordNames?: string[]): Promise<string> {
    checkString(templateIdShort, 'template_id_short');
    if (keywordNames !== undefined) {
      checkArray<unknown>(keywordNames, 'keyword_name_list', 1, Number.MAX_SAFE_INTEGER).forEach((name, i) =>
        checkString(name, `keyword_name_list[${i}]`),
      );
    }
    const answer = await this.client.request<{ template_id: string }>(ENDPOINTS.templateAdd, {
      body: { template_id_short: templateIdShort, ...(keywordNames ? { keyword_name_list: keywordNames } : {}) },
    });
    return answer.template_id;
  }

  async listTemplates(): Promise<PrivateTemplate[]> {
    return (await this.client.request<{ template_list?: PrivateTemplate[] }>(ENDPOINTS.templateList)).template_list ?? [];
  }

  async deleteTemplate(templateId: string): Promise<void> {
    checkString(templateId, 'template_id');
    await this.client.request(ENDPOINTS.templateDelete, { body: { template_id: templateId } });
  }

  /** Mass send to every follower. */
  async massSendToAll(message: MassMessage, options: MassSendOptions = {}): Promise<MassSendResult> {
    return this.massSendAll({ is_to_all: true }, message, options);
  }

  /** Mass send to the followers carrying a tag. */
  async massSendToTag(tagId: number, message: MassMessage, options: MassSendOptions = {}): Promise<MassSendResult> {
    checkInteger(tagId, 'tag_id', 0, Number.MAX_SAFE_INTEGER);
    return this.massSendAll({ is_to_all: false, tag_id: tagId }, message, options);
  }

  /** Mass send to 2–10000 OpenIDs. */
  async massSendToOpenIds(openIds: string[], message: MassMessage, options: MassSendOptions = {}): Promise<MassSendResult> {
    checkArray<unknown>(openIds, 'touser', MASS_LIMITS.openIds.min, MASS_LIMITS.openIds.max).forEach((id, i) =>
      checkString(id, `touser[${i}]`),
    );
    return this.mass(ENDPOINTS.massSend, { touser: openIds }, message, options);
  }

  /** Sends a mass message to one user to check how it looks (counts against no mass quota). */
  async massPreview(target: MassPreviewTarget, message: MassMessage): Promise<void> {
    checkObject(target, 'target');
    const to =
      'openId' in target
        ? { touser: checkString(target.openId, 'touser') }
        : { towxname: checkString((target as { wxName: string }).wxName, 'towxname') };
    await this.client.request(ENDPOINTS.massPreview, { body: { ...to, ...massBody(message, true) } });
  }

  /** Deletes a sent mass message (the article at `articleIdx`, 1-based; 0 or none deletes all of them). */
  async massDelete(msgId: number | string, articleIdx?: number): Promise<void> {
    checkString(String(msgId), 'msg_id');
    if (articleIdx !== undefined) checkInteger(articleIdx, 'article_idx', 0, 8);
    await this.client.request(ENDPOINTS.massDelete, {
      body: { msg_id: msgId, ...(articleIdx === undefined ? {} : { article_idx: articleIdx }) },
    });
  }

  async massStatus(msgId: number | string): Promise<MassStatus> {
    checkString(String(msgId), 'msg_id');
    return this.client.request<MassStatus>(ENDPOINTS.massGet, { body: { msg_id: msgId } });
  }

  private massSendAll(filter: Record<string, unknown>, message: MassMessage, options: MassSendOptions): Promise<MassSendResult> {
    return this.mass(ENDPOINTS.massSendAll, { filter }, message, options);
  }

  private async mass(
    endpoint: typeof ENDPOINTS.massSend | typeof ENDPOINTS.massSendAll,
    audience: Record<string, unknown>,
    message: MassMessage,
    options: MassSendOptions,
  ): Promise<MassSendResult> {
    const clientmsgid = options.clientMsgId ?? newDedupeId();
    checkString(clientmsgid, 'clientmsgid', { maxBytes: MASS_LIMITS.clientMsgIdBytes });
    const body = {
      ...audience,
      ...massBody(message, false),
      ...(message.type === 'mpnews' ? { send_ignore_reprint: options.sendIgnoreReprint ? 1 : 0 } : {}),
      clientmsgid,
    };
    const answer = await this.client.request<{ msg_id: number; msg_data_id?: number }>(endpoint, { body });
    return { msg_id: answer.msg_id, ...(answer.msg_data_id === undefined ? {} : { msg_data_id: answer.msg_data_id }), clientmsgid };
  }
}

function massBody(message: MassMessage, preview: boolean): Record<string, unknown> {
  const fields = checkObject(message, 'message');
  const type = checkOneOf(fields.type, 'message.type', MASS_TYPES);
  for (const name of MASS_REQUIRED[type]) checkString(fields[name], `message.${name}`);
  if (message.type === 'images') {
    checkArray<unknown>(message.mediaIds, 'message.mediaIds', 1, MASS_LIMITS.images).forEach((id, i) => checkString(id, `message.mediaIds[${i}]`));
  }
  return (MASS_BODIES[type] as (m: MassMessage, preview: boolean) => Record<string, unknown>)(message, preview);
}

/** The reason part of a `WechatReplyError` message (`… field "x": reason`). */
function reasonOf(error: WechatReplyError): string {
  const at = error.message.indexOf('": ');
  return at === -1 ? error.message : error.message.slice(at + 3);
}

/** 24 hex characters: unique enough for a 24-hour dedupe window, well under the 64-byte limit. */
function newDedupeId(): string {
  return randomBytes(12).toString('hex');
}
