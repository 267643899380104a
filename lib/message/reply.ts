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
/** Passive replies allow at most 1 article (8 before 2018's change for customer-service messages); see serializers. */
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
