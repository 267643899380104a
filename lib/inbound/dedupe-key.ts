import { hash } from 'node:crypto';
import type { AnyInboundMessage } from '../message/message-types.js';

/**
 * The key under which WeChat's retries of one callback are recognized (without the AppID; the pipeline prefixes it).
 * Always `m:` or `e:` and a SHA-256 in base64url (45 characters): short, fixed-size, and a fresh string that
 * shares no memory with the request body (a MsgId sliced from the body kept the whole body alive in the store).
 *
 * - Messages: the sender and the MsgId. The docs: "关于重试的消息排重，推荐使用msgid排重"; a MsgId is unique per
 *   message of one account, and with the sender in the key two users' messages can never share a key even if a
 *   MsgId was damaged on the way (a JSON parser rounding it beyond 2^53 once gave one user another's reply).
 *   https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
 * - Events (and anything without a MsgId): the whole event, canonically serialized (keys sorted at every level).
 *   The docs' "FromUserName + CreateTime" merges distinct events pushed in one second (a QR scan's `subscribe` +
 *   `SCAN`, two cards' `user_get_card`, two `subscribe_msg_sent_event`, `kf_close_session`…); a per-event list of
 *   discriminating fields always misses the next such event. A retry repeats the event exactly, so it still maps
 *   to the same key.
 */
export function dedupeKeyOf(message: AnyInboundMessage): string {
  const fields = message as unknown as Record<string, unknown>;
  const msgId = fields.MsgId;
  if (typeof msgId === 'string' && msgId !== '') return `m:${digest(`${String(message.FromUserName)}\n${msgId}`)}`;
  return `e:${digest(canonical(fields))}`;
}

function digest(text: string): string {
  return hash('sha256', text, 'base64url');
}

/** JSON with object keys sorted at every level: equal events give equal text whatever their field order. */
export function canonical(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) out += `${i === 0 ? '' : ','}${JSON.stringify(keys[i])}:${canonical(record[keys[i]!])}`;
  return `${out}}`;
}
