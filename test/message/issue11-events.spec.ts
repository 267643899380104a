import { parseCallbackXml } from '../../lib/message/callback-parser.js';
import { buildEvent } from '../../lib/message/message-builders.js';
import { toInboundMessage } from '../../lib/message/message-normalizer.js';
import { renderMessageXml } from '../../lib/message/message-serializer.js';
import { EVENT_FIELDS, isKnownEventType } from '../../lib/message/message-types.js';
import { RETIRED_AREAS, RETIRED_EVENTS, isRetiredEvent } from '../../lib/message/retired-events.js';

const roundTrip = (xml: string) => toInboundMessage(parseCallbackXml(xml)) as unknown as Record<string, unknown>;

describe('invoice push events (typed) and retired areas (still parsed)', () => {
  it.each([
    buildEvent('user_authorize_invoice', { SuccOrderId: 'order-1', FailOrderId: '', AuthorizeAppId: 'wx1', Source: 'web' }),
    buildEvent('update_invoice_status', { Status: 'INVOICE_REIMBURSE_LOCK', CardId: 'pCard', Code: '123' }),
    buildEvent('submit_invoice_title', { title: '示例科技有限公司', tax_no: '9111', attach: 'a' }),
    buildEvent('cloud_invoice_invoiceresult_event', { status: '0', fpqqlsh: 'order-1', nsrsbh: '9111' }),
  ])('$Event is a known, typed event that survives XML', (event) => {
    expect(isKnownEventType(event.Event)).toBe(true);
    expect(roundTrip(renderMessageXml(event))).toEqual(event);
  });

  it('every retired event is still in the event table, so it is parsed and typed', () => {
    for (const event of Object.keys(RETIRED_EVENTS)) {
      expect(Object.hasOwn(EVENT_FIELDS, event)).toBe(true);
      expect(isRetiredEvent(event)).toBe(true);
    }
    expect(isRetiredEvent('user_authorize_invoice')).toBe(false);
    expect(RETIRED_AREAS.guide.retired).toBe('2023-03-16');
  });

  it('a card event from an old account is delivered with all its fields', () => {
    const xml = '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oUser]]></FromUserName><CreateTime>1700000000</CreateTime>'
      + '<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[user_get_card]]></Event><CardId><![CDATA[pCard]]></CardId>'
      + '<UserCardCode><![CDATA[12312312]]></UserCardCode><IsGiveByFriend>0</IsGiveByFriend><NewField>kept</NewField></xml>';
    expect(roundTrip(xml)).toMatchObject({ Event: 'user_get_card', CardId: 'pCard', UserCardCode: '12312312', IsGiveByFriend: '0', NewField: 'kept' });
  });
});
