import type { EventOf, EventType, MessageBase, MessageOf, MessageType } from './message-types.js';

/**
 * Typed constructors for inbound messages and events, from the MESSAGE_FIELDS / EVENT_FIELDS table; the emulator
 * and tests use them to push callbacks. ToUserName, FromUserName, CreateTime (and MsgId for messages) get
 * defaults; everything the type requires must be given.
 * ```ts
 * emu.push(url, buildMessage('text', { Content: 'hi', FromUserName: 'oUser' }));
 * emu.push(url, buildEvent('CLICK', { EventKey: 'API_MENU_P_2' }));
 * ```
 */
type Defaulted = 'ToUserName' | 'FromUserName' | 'CreateTime';
type Overridable = Partial<Pick<MessageBase, Defaulted>>;

export type MessageInput<T extends MessageType> = Omit<MessageOf<T>, 'MsgType' | Defaulted | 'MsgId'> &
  Overridable & { MsgId?: string };
export type EventInput<E extends EventType> = Omit<EventOf<E>, 'MsgType' | 'Event' | Defaulted> & Overridable;

export const BUILDER_DEFAULTS = {
  ToUserName: 'gh_emulator0000',
  FromUserName: 'oEmulatorUser0000000000000000',
} as const;

let sequence = 0;
/** A fresh MsgId shaped like WeChat's (17+ digits, beyond 2^53). */
export function nextMsgId(): string {
  sequence = (sequence + 1) % 10_000;
  return (BigInt(Date.now()) * 10_000n + BigInt(sequence)).toString();
}

function base(fields: Overridable): MessageBase {
  return {
    ToUserName: fields.ToUserName ?? BUILDER_DEFAULTS.ToUserName,
    FromUserName: fields.FromUserName ?? BUILDER_DEFAULTS.FromUserName,
    CreateTime: fields.CreateTime ?? String(Math.floor(Date.now() / 1000)),
  };
}

export function buildMessage<T extends MessageType>(type: T, fields: MessageInput<T>): MessageOf<T> {
  const { ToUserName: _to, FromUserName: _from, CreateTime: _time, MsgType: _type, ...rest } = fields as MessageInput<T> &
    Record<string, unknown>;
  return { ...base(fields), MsgType: type, ...rest, MsgId: fields.MsgId ?? nextMsgId() } as unknown as MessageOf<T>;
}

export function buildEvent<E extends EventType>(event: E, fields: EventInput<E>): EventOf<E> {
  const { ToUserName: _to, FromUserName: _from, CreateTime: _time, MsgType: _type, Event: _event, ...rest } = fields as EventInput<E> &
    Record<string, unknown>;
  return { ...base(fields), MsgType: 'event', Event: event, ...rest } as unknown as EventOf<E>;
}
