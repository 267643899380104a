import { WechatReplyError } from '../errors/wechat-reply.error.js';

interface FieldRule {
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

/**
 * What each message type needs, once: required non-empty text fields and optional text fields (camelCase model).
 * Passive replies: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
 * Customer service: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
// `reply.ts` checks that every message type it declares has a row here (this file imports nothing from it).
export const TEXT_FIELDS = {
  text: { required: ['content'], optional: [] },
  image: { required: ['mediaId'], optional: [] },
  voice: { required: ['mediaId'], optional: [] },
  video: { required: ['mediaId'], optional: ['thumbMediaId', 'title', 'description'] },
  music: { required: ['musicUrl', 'thumbMediaId'], optional: ['title', 'description', 'hqMusicUrl'] },
  news: { required: [], optional: [] },
  transfer_customer_service: { required: [], optional: [] },
  mpnews: { required: ['mediaId'], optional: [] },
  mpnewsarticle: { required: ['articleId'], optional: [] },
  msgmenu: { required: [], optional: [] },
  wxcard: { required: ['cardId'], optional: [] },
  miniprogrampage: { required: ['title', 'appId', 'pagePath', 'thumbMediaId'], optional: [] },
} as const satisfies Record<string, FieldRule>;

/**
 * Passive news replies carry 1–8 articles; when answering a user's message (text, image, voice, video, location,
 * link) WeChat shows only the first. Customer-service news is limited to 1 article (errcode 45008 otherwise).
 */
export const MAX_REPLY_ARTICLES = 8;
export const MAX_CUSTOMER_SERVICE_ARTICLES = 1;

const fail = (field: string, reason: string): never => {
  throw new WechatReplyError(field, reason);
};
const nonEmpty = (value: unknown, field: string) => {
  if (typeof value !== 'string' || value === '') fail(field, 'must be a non-empty string');
};
const textIfPresent = (value: unknown, field: string) => {
  if (value !== undefined && typeof value !== 'string') fail(field, 'must be a string when given');
};

/**
 * Checks a reply or customer-service message against the table above.
 * @param maxArticles MAX_REPLY_ARTICLES for passive replies, MAX_CUSTOMER_SERVICE_ARTICLES for customer service.
 * @throws WechatReplyError naming the field.
 */
export function assertValidContent(content: unknown, maxArticles: number, allowed: ReadonlySet<string>): void {
  if (typeof content !== 'object' || content === null) fail('type', 'the message must be an object with a type');
  const message = content as Record<string, unknown>;
  const type = message.type;
  if (typeof type !== 'string' || !allowed.has(type)) fail('type', 'is not a message type that can be sent here');
  const fields = (TEXT_FIELDS as Record<string, FieldRule>)[type as string]!;
  for (const name of fields.required) nonEmpty(message[name], name);
  for (const name of fields.optional) textIfPresent(message[name], name);
  if (type === 'news') {
    const articles = message.articles;
    if (!Array.isArray(articles) || articles.length < 1 || articles.length > maxArticles) {
      fail('articles', `must hold 1 to ${maxArticles} article${maxArticles === 1 ? '' : 's'}`);
    }
    (articles as unknown[]).forEach((article, i) => {
      if (typeof article !== 'object' || article === null) fail(`articles[${i}]`, 'must be an object');
      const a = article as Record<string, unknown>;
      nonEmpty(a.title, `articles[${i}].title`);
      for (const name of ['description', 'picUrl', 'url']) textIfPresent(a[name], `articles[${i}].${name}`);
    });
  } else if (type === 'transfer_customer_service') {
    if (message.kfAccount !== undefined) nonEmpty(message.kfAccount, 'kfAccount');
  } else if (type === 'msgmenu') {
    textIfPresent(message.headContent, 'headContent');
    textIfPresent(message.tailContent, 'tailContent');
    const list = message.list;
    if (!Array.isArray(list) || list.length === 0) fail('list', 'must hold at least one menu item');
    (list as unknown[]).forEach((item, i) => {
      if (typeof item !== 'object' || item === null) fail(`list[${i}]`, 'must be an object');
      nonEmpty((item as Record<string, unknown>).id, `list[${i}].id`);
      nonEmpty((item as Record<string, unknown>).content, `list[${i}].content`);
    });
  }
}

export const CUSTOMER_SERVICE_TYPES: ReadonlySet<string> = new Set([
  'text', 'image', 'voice', 'video', 'music', 'news', 'mpnews', 'mpnewsarticle', 'msgmenu', 'wxcard', 'miniprogrampage',
]);
