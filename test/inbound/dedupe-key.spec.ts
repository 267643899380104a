import { dedupeKeyOf } from '../../lib/inbound/dedupe-key.js';
import { buildEvent, buildMessage } from '../../lib/message/message-builders.js';
import type { InboundMessage } from '../../lib/message/message-types.js';

const user = { FromUserName: 'oUser000000000000000000001', ToUserName: 'gh_account', CreateTime: '1700000000' };

describe('dedupeKeyOf', () => {
  it('keys a message by its MsgId alone (a retry repeats it; other messages never share it)', () => {
    const message = buildMessage('text', { ...user, Content: 'hi', MsgId: '23942570635195977' });
    expect(dedupeKeyOf(message)).toBe('m:23942570635195977');
    expect(dedupeKeyOf({ ...message, Content: 'other', CreateTime: '1700000009' })).toBe('m:23942570635195977');
    expect(dedupeKeyOf({ ...message, MsgId: '23942570635195978' })).not.toBe(dedupeKeyOf(message));
  });

  it('gives a retry of an event the same key', () => {
    const event = buildEvent('CLICK', { ...user, EventKey: 'API_MENU_P_2' });
    expect(dedupeKeyOf(structuredClone(event))).toBe(dedupeKeyOf(event));
    expect(dedupeKeyOf(event)).toBe('e:oUser000000000000000000001:1700000000:CLICK::API_MENU_P_2');
  });

  // Events one user can push in the same second: FromUserName + CreateTime alone would merge them.
  const sameSecond: [string, InboundMessage, InboundMessage][] = [
    ['subscribe then SCAN', buildEvent('subscribe', { ...user, EventKey: 'qrscene_1', Ticket: 't' }), buildEvent('SCAN', { ...user, EventKey: '1', Ticket: 't' })],
    ['two menu buttons', buildEvent('CLICK', { ...user, EventKey: 'A' }), buildEvent('CLICK', { ...user, EventKey: 'B' })],
    ['CLICK then VIEW', buildEvent('CLICK', { ...user, EventKey: 'A' }), buildEvent('VIEW', { ...user, EventKey: 'https://example.com/' })],
    [
      'two template sends finishing',
      buildEvent('TEMPLATESENDJOBFINISH', { ...user, MsgID: '200163836', Status: 'success' }),
      buildEvent('TEMPLATESENDJOBFINISH', { ...user, MsgID: '200163840', Status: 'success' }),
    ],
    [
      'two mass sends finishing',
      buildEvent('MASSSENDJOBFINISH', { ...user, MsgID: '1000001625', Status: 'send success', TotalCount: '1', FilterCount: '1', SentCount: '1', ErrorCount: '0' }),
      buildEvent('MASSSENDJOBFINISH', { ...user, MsgID: '1000001626', Status: 'send success', TotalCount: '1', FilterCount: '1', SentCount: '1', ErrorCount: '0' }),
    ],
    [
      'two publish jobs finishing',
      buildEvent('PUBLISHJOBFINISH', { ...user, PublishEventInfo: { publish_id: '2247503051', publish_status: '0' } }),
      buildEvent('PUBLISHJOBFINISH', { ...user, PublishEventInfo: { publish_id: '2247503052', publish_status: '0' } }),
    ],
  ];
  it.each(sameSecond)('tells apart %s in the same second', (_label, a, b) => {
    expect(dedupeKeyOf(a)).not.toBe(dedupeKeyOf(b));
  });

  it('hashes long keys (a VIEW URL) to a fixed size, still distinct and stable', () => {
    const long = (path: string) => buildEvent('VIEW', { ...user, EventKey: `https://example.com/${'a'.repeat(900)}/${path}` });
    const key = dedupeKeyOf(long('1'));
    expect(key).toMatch(/^h:[\w-]{43}$/);
    expect(dedupeKeyOf(long('1'))).toBe(key);
    expect(dedupeKeyOf(long('2'))).not.toBe(key);
  });

  it('keys a type it does not know by sender, time and type', () => {
    const unknown = { ...user, MsgType: 'future_type', Something: 'x' } as InboundMessage;
    expect(dedupeKeyOf(unknown)).toBe('e:oUser000000000000000000001:1700000000:type=future_type::');
  });
});
