import { canonical, dedupeKeyOf } from '../../lib/inbound/dedupe-key.js';
import { buildEvent, buildMessage } from '../../lib/message/message-builders.js';
import type { InboundMessage } from '../../lib/message/message-types.js';

const user = { FromUserName: 'oUser000000000000000000001', ToUserName: 'gh_account', CreateTime: '1700000000' };
const KEY = /^[me]:[\w-]{43}$/;

describe('dedupeKeyOf', () => {
  it('keys a message by its sender and MsgId (a retry repeats them)', () => {
    const message = buildMessage('text', { ...user, Content: 'hi', MsgId: '23942570635195977' });
    expect(dedupeKeyOf(message)).toMatch(KEY);
    expect(dedupeKeyOf({ ...message, Content: 'other', CreateTime: '1700000009' })).toBe(dedupeKeyOf(message));
    expect(dedupeKeyOf({ ...message, MsgId: '23942570635195978' })).not.toBe(dedupeKeyOf(message));
  });

  it('never gives two senders the same key for one MsgId (issue 12, defect 3: a rounded MsgId sent a reply to the wrong user)', () => {
    const a = buildMessage('text', { ...user, Content: 'hi', MsgId: '23942570635195976' });
    const b = buildMessage('text', { ...user, FromUserName: 'oSomebodyElse000000000002', Content: 'hi', MsgId: '23942570635195976' });
    expect(dedupeKeyOf(a)).not.toBe(dedupeKeyOf(b));
  });

  it('is short and shares no memory with the body, however long the MsgId or event (issue 12, defect 2)', () => {
    const hugeId = buildMessage('text', { ...user, Content: 'x', MsgId: '9'.repeat(1 << 20) });
    expect(dedupeKeyOf(hugeId)).toMatch(KEY);
    const hugeEvent = buildEvent('VIEW', { ...user, EventKey: `https://example.com/${'a'.repeat(1 << 20)}` });
    expect(dedupeKeyOf(hugeEvent)).toMatch(KEY);
  });

  it('gives a retry of an event the same key, whatever the field order', () => {
    const event = buildEvent('CLICK', { ...user, EventKey: 'API_MENU_P_2' });
    expect(dedupeKeyOf(structuredClone(event))).toBe(dedupeKeyOf(event));
    const reordered = Object.fromEntries(Object.entries(event).reverse()) as unknown as InboundMessage;
    expect(dedupeKeyOf(reordered)).toBe(dedupeKeyOf(event));
  });

  // Events one user can push in the same second: FromUserName + CreateTime alone would merge them, and so would
  // any per-event list of fields that leaves one out (issue 12, defect 9).
  const event = (name: string, fields: Record<string, unknown>) => ({ ...user, MsgType: 'event', Event: name, ...fields }) as unknown as InboundMessage;
  const sameSecond: [string, InboundMessage, InboundMessage][] = [
    ['subscribe then SCAN', buildEvent('subscribe', { ...user, EventKey: 'qrscene_1', Ticket: 't' }), buildEvent('SCAN', { ...user, EventKey: '1', Ticket: 't' })],
    ['two menu buttons', buildEvent('CLICK', { ...user, EventKey: 'A' }), buildEvent('CLICK', { ...user, EventKey: 'B' })],
    ['two template sends finishing', buildEvent('TEMPLATESENDJOBFINISH', { ...user, MsgID: '200163836', Status: 'success' }), buildEvent('TEMPLATESENDJOBFINISH', { ...user, MsgID: '200163840', Status: 'success' })],
    ['two publish jobs finishing', buildEvent('PUBLISHJOBFINISH', { ...user, PublishEventInfo: { publish_id: '1', publish_status: '0' } }), buildEvent('PUBLISHJOBFINISH', { ...user, PublishEventInfo: { publish_id: '2', publish_status: '0' } })],
    ['user_get_card for two cards', event('user_get_card', { CardId: 'pA', UserCardCode: '1', IsGiveByFriend: '0' }), event('user_get_card', { CardId: 'pB', UserCardCode: '2', IsGiveByFriend: '0' })],
    [
      'two subscribe_msg_sent_event',
      event('subscribe_msg_sent_event', { SubscribeMsgSentEvent: { List: { TemplateId: 't1', MsgID: '1', ErrorCode: '0', ErrorStatus: 'success' } } }),
      event('subscribe_msg_sent_event', { SubscribeMsgSentEvent: { List: { TemplateId: 't1', MsgID: '2', ErrorCode: '0', ErrorStatus: 'success' } } }),
    ],
    ['two kf_close_session', event('kf_close_session', { KfAccount: 'a@gh', CloseType: 'KF' }), event('kf_close_session', { KfAccount: 'b@gh', CloseType: 'KF' })],
  ];
  it.each(sameSecond)('tells apart %s in the same second', (_label, a, b) => {
    expect(dedupeKeyOf(a)).not.toBe(dedupeKeyOf(b));
  });

  it('keys a type it does not know by its whole content', () => {
    const unknown = { ...user, MsgType: 'future_type', Something: 'x' } as unknown as InboundMessage;
    expect(dedupeKeyOf(unknown)).toMatch(KEY);
    expect(dedupeKeyOf({ ...unknown, Something: "y" } as unknown as InboundMessage)).not.toBe(dedupeKeyOf(unknown));
  });

  it('serializes canonically: sorted keys at every level, arrays in order', () => {
    expect(canonical({ b: '1', a: { d: ['x', 'y'], c: '2' } })).toBe('{"a":{"c":"2","d":["x","y"]},"b":"1"}');
  });
});
