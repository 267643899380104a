import { createHash } from 'node:crypto';
import type { InboundMessage } from '../message/message-types.js';

/** Longer keys are hashed: a VIEW event's EventKey is a URL of up to 1 KB, and keys are held for the dedupe TTL. */
const MAX_PLAIN_KEY_LENGTH = 160;

type Fields = Record<string, unknown>;

/**
 * Event fields that tell apart events one sender may push within one second, beyond `Event` and `EventKey`.
 * Job-finish events come from a system sender and several jobs can finish in the same second: their own id (the
 * `MsgID` of the template/mass send, the `publish_id`) is what makes them distinct. One line per event type.
 */
const EVENT_DISCRIMINATORS: Readonly<Record<string, (message: Fields) => unknown>> = {
  TEMPLATESENDJOBFINISH: (m) => m.MsgID,
  MASSSENDJOBFINISH: (m) => m.MsgID,
  PUBLISHJOBFINISH: (m) => (m.PublishEventInfo as Fields | undefined)?.publish_id,
};

/**
 * The key under which WeChat's retries of one callback are recognized (without the AppID; the pipeline prefixes it).
 *
 * - Messages: `m:<MsgId>`. The docs: "关于重试的消息排重，推荐使用msgid排重" — a MsgId is unique per message.
 *   https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
 * - Events carry no MsgId; the docs recommend "FromUserName + CreateTime".
 *   https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
 *   That alone merges distinct events: CreateTime has one-second resolution, and one tap can push two events in the
 *   same second (a QR scan: `subscribe` + `SCAN`; a menu: `CLICK` then `VIEW`; two buttons tapped quickly), which
 *   then shared a key and the second was dropped as a "retry" (WxJava #333, #2231). So the key is
 *   `e:<FromUserName>:<CreateTime>:<Event>:<discriminator>:<EventKey>`; a retry repeats every one of these fields,
 *   so it still maps to the same key. `EventKey` comes last, so a `:` inside it cannot shift the other fields.
 */
export function dedupeKeyOf(message: InboundMessage): string {
  const fields = message as unknown as Fields;
  const msgId = fields.MsgId;
  if (typeof msgId === 'string' && msgId !== '') return `m:${msgId}`;
  const event = typeof fields.Event === 'string' ? fields.Event : `type=${message.MsgType}`;
  const discriminator = EVENT_DISCRIMINATORS[event]?.(fields);
  const eventKey = fields.EventKey;
  const key =
    `e:${message.FromUserName}:${message.CreateTime}:${event}:${typeof discriminator === 'string' ? discriminator : ''}:` +
    (typeof eventKey === 'string' ? eventKey : '');
  return key.length <= MAX_PLAIN_KEY_LENGTH ? key : `h:${createHash('sha256').update(key).digest('base64url')}`;
}
