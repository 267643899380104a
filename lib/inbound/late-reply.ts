import type { CustomerServiceMessage, Reply } from '../message/reply.js';

/** A late reply as a customer-service message, or why it cannot be one. */
export type LateReplyMapping =
  | { readonly message: CustomerServiceMessage; readonly droppedArticles: number }
  | { readonly reason: 'transfer' };

const as = (message: CustomerServiceMessage): LateReplyMapping => ({ message, droppedArticles: 0 });

/**
 * How each passive reply type travels through the customer-service API once the 5-second window has passed.
 * Text, image, voice, video and music have the same fields in both (the one message model). News: a
 * customer-service news message carries exactly one article (since 2018), so the first is sent and the others are
 * counted for the log. A transfer to customer service exists only as a passive reply.
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
const TO_CUSTOMER_SERVICE: { readonly [T in Reply['type']]: (reply: Extract<Reply, { type: T }>) => LateReplyMapping } = {
  text: (r) => as({ type: 'text', content: r.content }),
  image: (r) => as({ type: 'image', mediaId: r.mediaId }),
  voice: (r) => as({ type: 'voice', mediaId: r.mediaId }),
  video: (r) => as({ type: 'video', mediaId: r.mediaId, ...pick(r, 'thumbMediaId', 'title', 'description') }),
  music: (r) => as({ type: 'music', musicUrl: r.musicUrl, thumbMediaId: r.thumbMediaId, ...pick(r, 'title', 'description', 'hqMusicUrl') }),
  news: (r) => ({ message: { type: 'news', articles: r.articles.slice(0, 1) }, droppedArticles: Math.max(0, r.articles.length - 1) }),
  transfer_customer_service: () => ({ reason: 'transfer' }),
};

export function toCustomerServiceMessage(reply: Reply): LateReplyMapping {
  return (TO_CUSTOMER_SERVICE[reply.type] as (r: Reply) => LateReplyMapping)(reply);
}

function pick<T extends object, K extends keyof T>(source: T, ...keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
