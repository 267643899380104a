import { REPLY_TYPES, type ReplyFormType } from './reply-forms.js';
import { assertValidContent, MAX_REPLY_ARTICLES, TEXT_FIELDS } from './reply-validation.js';

/**
 * One model for every message the package sends: passive replies (XML, inbound side) and customer-service
 * messages (JSON, outbound side) are serializations of these objects. Field names are camelCase; the
 * serializers map them to each wire format.
 */
export interface NewsArticle {
  title: string;
  description?: string;
  picUrl?: string;
  url?: string;
}

export type TextContent = { type: 'text'; content: string };
export type ImageContent = { type: 'image'; mediaId: string };
export type VoiceContent = { type: 'voice'; mediaId: string };
export type VideoContent = { type: 'video'; mediaId: string; thumbMediaId?: string; title?: string; description?: string };
export type MusicContent = {
  type: 'music';
  title?: string;
  description?: string;
  musicUrl: string;
  hqMusicUrl?: string;
  thumbMediaId: string;
};
/**
 * Passive replies carry 1–8 articles, but when answering a user's message (text, image, voice, video, location, link)
 * WeChat shows only 1; customer-service news is limited to 1 article (errcode 45008 otherwise).
 */
export type NewsContent = { type: 'news'; articles: NewsArticle[] };
export type TransferCustomerServiceContent = { type: 'transfer_customer_service'; kfAccount?: string };

/** Only the customer-service API can send these. */
export type MpNewsContent = { type: 'mpnews'; mediaId: string };
export type MpNewsArticleContent = { type: 'mpnewsarticle'; articleId: string };
export type MsgMenuContent = {
  type: 'msgmenu';
  headContent: string;
  list: { id: string; content: string }[];
  tailContent: string;
};
export type WxCardContent = { type: 'wxcard'; cardId: string };
export type MiniProgramPageContent = {
  type: 'miniprogrampage';
  title: string;
  appId: string;
  pagePath: string;
  thumbMediaId: string;
};

/** What a handler may return as its passive reply (a plain string is shorthand for text). */
export type Reply =
  | TextContent
  | ImageContent
  | VoiceContent
  | VideoContent
  | MusicContent
  | NewsContent
  | TransferCustomerServiceContent;

/** What the customer-service API can send. */
export type CustomerServiceMessage =
  | TextContent
  | ImageContent
  | VoiceContent
  | VideoContent
  | MusicContent
  | NewsContent
  | MpNewsContent
  | MpNewsArticleContent
  | MsgMenuContent
  | WxCardContent
  | MiniProgramPageContent;

/** A handler's return value: a reply, a string (text), or nothing (`success`). */
export type HandlerResult = Reply | string | null | undefined | void;

const checked = <R extends Reply>(reply: R): R => {
  assertValidContent(reply, MAX_REPLY_ARTICLES, REPLY_TYPES);
  return reply;
};

/**
 * Builders for passive replies; each validates and throws `WechatReplyError` naming the field.
 * ```ts
 * return Reply.news([{ title: 'Hello', url: 'https://example.com' }]);
 * ```
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
 */
export const Reply = {
  /** Text; `content` must not be empty. WeChat renders newlines and `<a href>` links. */
  text: (content: string): TextContent => checked({ type: 'text', content }),
  image: (mediaId: string): ImageContent => checked({ type: 'image', mediaId }),
  voice: (mediaId: string): VoiceContent => checked({ type: 'voice', mediaId }),
  /** Passive video replies carry MediaId, Title, Description (thumbMediaId is for customer service). */
  video: (video: Omit<VideoContent, 'type'>): VideoContent => checked({ type: 'video', ...video }),
  music: (music: Omit<MusicContent, 'type'>): MusicContent => checked({ type: 'music', ...music }),
  /**
   * 1 to 8 articles. When the reply answers a user's message (text, image, voice, video, location, link),
   * WeChat shows only the first article; replies to events may show up to 8.
   */
  news: (articles: readonly NewsArticle[]): NewsContent => checked({ type: 'news', articles: [...articles] }),
  /** Hands the conversation to customer service (多客服), optionally to one `kfAccount` (`name@account`). */
  transferCustomerService: (kfAccount?: string): TransferCustomerServiceContent =>
    checked(kfAccount === undefined ? { type: 'transfer_customer_service' } : { type: 'transfer_customer_service', kfAccount }),
} as const;

/** Compile-time check: every message type has its row in the validation table, and the table no stray row. */
type ValidatedType = keyof typeof TEXT_FIELDS;
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _everyTypeValidated: Exactly<ValidatedType, CustomerServiceMessage['type'] | 'transfer_customer_service'> = true;
void _everyTypeValidated;
const _everyReplyHasItsForm: Exactly<ReplyFormType, Reply['type']> = true;
void _everyReplyHasItsForm;
