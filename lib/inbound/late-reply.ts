import { replyFormOf } from '../message/reply-forms.js';
import type { CustomerServiceMessage, Reply } from '../message/reply.js';
import { TEXT_FIELDS } from '../message/reply-validation.js';

/** A late reply as a customer-service message, or why it cannot be one. */
export type LateReplyMapping =
  | { readonly message: CustomerServiceMessage; readonly droppedArticles: number }
  | { readonly reason: 'transfer' };

/**
 * How a passive reply travels through the customer-service API once the 5-second window has passed, driven by
 * `REPLY_FORMS[type].late`: the same type with the model fields its customer-service form takes (`TEXT_FIELDS`;
 * one message model, so the names are the same); news with its first article only (customer-service news carries
 * exactly one since 2018; the others are counted for the log); a transfer to customer service has no such form.
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 */
export function toCustomerServiceMessage(reply: Reply): LateReplyMapping {
  const form = replyFormOf(reply.type);
  if (form === undefined) throw new TypeError(`not a passive reply type: ${JSON.stringify(String(reply.type))}`);
  if (form.late === 'passive-only') return { reason: 'transfer' };
  if (form.late === 'first-article') {
    const { articles } = reply as Extract<Reply, { type: 'news' }>;
    return { message: { type: 'news', articles: articles.slice(0, 1) }, droppedArticles: Math.max(0, articles.length - 1) };
  }
  const rule = (TEXT_FIELDS as Record<string, { required: readonly string[]; optional: readonly string[] }>)[reply.type]!;
  const message = { type: reply.type, ...pick(reply, [...rule.required, ...rule.optional]) } as CustomerServiceMessage;
  return { message, droppedArticles: 0 };
}

function pick(source: object, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = (source as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
