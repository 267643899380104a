import { WechatReplyError } from '../errors/wechat-reply.error.js';
import type { CustomerServiceMessage } from './reply.js';
import { assertValidContent, CUSTOMER_SERVICE_TYPES, MAX_CUSTOMER_SERVICE_ARTICLES } from './reply-validation.js';

/**
 * The JSON body of `POST /cgi-bin/message/custom/send` for each message type: camelCase model field → wire field,
 * described once. Docs: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
type Mapping = readonly (readonly [model: string, wire: string])[];

const CUSTOMER_SERVICE_WIRE: { readonly [T in CustomerServiceMessage['type']]: Mapping } = {
  text: [['content', 'content']],
  image: [['mediaId', 'media_id']],
  voice: [['mediaId', 'media_id']],
  video: [['mediaId', 'media_id'], ['thumbMediaId', 'thumb_media_id'], ['title', 'title'], ['description', 'description']],
  music: [
    ['title', 'title'],
    ['description', 'description'],
    ['musicUrl', 'musicurl'],
    ['hqMusicUrl', 'hqmusicurl'],
    ['thumbMediaId', 'thumb_media_id'],
  ],
  news: [],
  mpnews: [['mediaId', 'media_id']],
  mpnewsarticle: [['articleId', 'article_id']],
  msgmenu: [['headContent', 'head_content'], ['tailContent', 'tail_content']],
  wxcard: [['cardId', 'card_id']],
  miniprogrampage: [['title', 'title'], ['appId', 'appid'], ['pagePath', 'pagepath'], ['thumbMediaId', 'thumb_media_id']],
};
const ARTICLE_WIRE: Mapping = [['title', 'title'], ['description', 'description'], ['url', 'url'], ['picUrl', 'picurl']];

function wireFields(source: object, mapping: Mapping): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [model, wire] of mapping) {
    const value = (source as Record<string, unknown>)[model];
    if (value !== undefined) out[wire] = value;
  }
  return out;
}

/**
 * The request body for one customer-service message: `{ touser, msgtype, [msgtype]: {…}, customservice? }`.
 * `kfAccount` (`name@account`) sends as that customer-service account. News carries exactly 1 article.
 * @throws WechatReplyError naming the invalid field.
 */
export function toCustomerServiceBody(
  toUser: string,
  message: CustomerServiceMessage,
  kfAccount?: string,
): Record<string, unknown> {
  if (typeof toUser !== 'string' || toUser === '') throw new WechatReplyError('toUser', 'must be the OpenID of the recipient');
  assertValidContent(message, MAX_CUSTOMER_SERVICE_ARTICLES, CUSTOMER_SERVICE_TYPES);
  const content = wireFields(message, CUSTOMER_SERVICE_WIRE[message.type]);
  if (message.type === 'news') content.articles = message.articles.map((article) => wireFields(article, ARTICLE_WIRE));
  if (message.type === 'msgmenu') content.list = message.list.map((item) => ({ id: item.id, content: item.content }));
  const body: Record<string, unknown> = { touser: toUser, msgtype: message.type, [message.type]: content };
  if (kfAccount !== undefined && kfAccount !== '') body.customservice = { kf_account: kfAccount };
  return body;
}
