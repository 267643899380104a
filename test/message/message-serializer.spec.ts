import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { parseCallbackJson, parseCallbackXml } from '../../lib/message/callback-parser.js';
import { toInboundMessage } from '../../lib/message/message-normalizer.js';
import { renderMessageJson, renderMessageXml } from '../../lib/message/message-serializer.js';
import type { InboundMessage } from '../../lib/message/message-types.js';
import { fixture, OFFICIAL_EVENTS, SEED_CALLBACKS } from '../fixtures/fixtures.js';
import { EVERY_TYPE, xmlString } from './message-arbitraries.js';

const viaXml = (m: InboundMessage) => toInboundMessage(parseCallbackXml(renderMessageXml(m)));
const viaJson = (m: InboundMessage) => toInboundMessage(parseCallbackJson(renderMessageJson(m)));

describe('renderMessageXml', () => {
  it('writes a message the way WeChat does', () => {
    const seed = toInboundMessage(parseCallbackXml(fixture('seed/text-plain.xml')));
    expect(renderMessageXml(seed)).toBe(
      '<xml><ToUserName><![CDATA[gh_84671c4da479]]></ToUserName><FromUserName><![CDATA[oMIE-6T2iTOgEdERSg26CU0KL8Og]]></FromUserName>' +
        '<CreateTime>1672369434</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[1]]></Content>' +
        '<MsgId>23942570635195977</MsgId></xml>',
    );
  });

  it('writes lists with their item tags, or as repeated elements', () => {
    const pics = toInboundMessage(parseCallbackXml(fixture('official/event-pic-sysphoto.xml')));
    expect(renderMessageXml(pics)).toContain(
      '<SendPicsInfo><Count>1</Count><PicList><item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum></item></PicList></SendPicsInfo>',
    );
    const failed = toInboundMessage(parseCallbackXml(fixture('official/event-publishjobfinish-failed.xml')));
    expect(renderMessageXml(failed)).toContain('<fail_idx>1</fail_idx><fail_idx>2</fail_idx>');
  });

  it.each([...SEED_CALLBACKS, ...OFFICIAL_EVENTS])('round-trips $file', ({ expected }) => {
    const message = expected as unknown as InboundMessage;
    expect(viaXml(message)).toEqual(expected);
    expect(viaJson(message)).toEqual(expected);
  });

  it.each(EVERY_TYPE)('render → parse → normalize gives %s back (XML and JSON)', (_label, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, (generated) => {
        const message = generated as unknown as InboundMessage;
        const xml = renderMessageXml(message);
        expect(XMLValidator.validate(xml)).toBe(true);
        expect(viaXml(message)).toEqual(generated);
        expect(viaJson(message)).toEqual(generated);
      }),
      { numRuns: 60 },
    );
  });

  it('round-trips unknown types with nested and repeated fields', () => {
    const fieldName = fc.constantFrom('Foo', 'bar_baz', 'Extra', 'ns:x', '__proto__');
    const leaf = xmlString;
    const nested = fc.dictionary(fc.constantFrom('A', 'B', 'C'), leaf, { minKeys: 1 });
    const value = fc.oneof(leaf, nested, fc.array(leaf, { minLength: 2, maxLength: 3 }));
    fc.assert(
      fc.property(fc.dictionary(fieldName, value), xmlString.filter((t) => t !== '' && t !== 'event'), (extra, type) => {
        const message = { ToUserName: 'gh', FromUserName: 'o', CreateTime: '1', MsgType: type } as Record<string, unknown>;
        for (const [k, v] of Object.entries(extra)) Object.defineProperty(message, k, { value: v, enumerable: true, writable: true, configurable: true });
        expect(viaXml(message as unknown as InboundMessage)).toEqual(message);
      }),
      { numRuns: 200 },
    );
  });
});

describe('renderMessageJson', () => {
  it('writes CreateTime and ids as bare numbers, digit for digit', () => {
    const seed = toInboundMessage(parseCallbackXml(fixture('seed/text-plain.xml')));
    expect(renderMessageJson(seed)).toBe(
      '{"ToUserName":"gh_84671c4da479","FromUserName":"oMIE-6T2iTOgEdERSg26CU0KL8Og","CreateTime":1672369434,"MsgType":"text","Content":"1","MsgId":23942570635195977}',
    );
  });

  it('keeps non-numeric ids as strings and other numbers-as-text as strings', () => {
    const json = renderMessageJson({ ToUserName: 'g', FromUserName: 'o', CreateTime: 'soon', MsgType: 'location', Location_X: '39.956860', MsgId: 'x1' } as unknown as InboundMessage);
    expect(JSON.parse(json)).toEqual({ ToUserName: 'g', FromUserName: 'o', CreateTime: 'soon', MsgType: 'location', Location_X: '39.956860', MsgId: 'x1' });
  });
});
