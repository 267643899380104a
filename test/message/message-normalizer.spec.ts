import { WechatInboundError } from '../../lib/errors/wechat-inbound.error.js';
import { parseCallbackJson, parseCallbackXml } from '../../lib/message/callback-parser.js';
import { toInboundMessage } from '../../lib/message/message-normalizer.js';
import type { EventOf, MessageOf } from '../../lib/message/message-types.js';
import { fixture, OFFICIAL_EVENTS, SEED_CALLBACKS } from '../fixtures/fixtures.js';

const fromXml = (xml: string) => toInboundMessage(parseCallbackXml(xml));
const fromJson = (json: string) => toInboundMessage(parseCallbackJson(json));

describe('toInboundMessage: real and documented payloads', () => {
  it.each([...SEED_CALLBACKS, ...OFFICIAL_EVENTS])('types $file', ({ file, expected }) => {
    expect(fromXml(fixture(file))).toEqual(expected);
  });

  it('keeps what the seeds need exactly', () => {
    const location = fromXml(fixture('seed/location.xml')) as MessageOf<'location'>;
    expect(location.Location_X).toBe('39.956860');
    expect(location.Label).toBe('海淀区学院南路78号');
    expect((fromXml(fixture('seed/text-plain.xml')) as MessageOf<'text'>).MsgId).toBe('23942570635195977');
    expect((fromXml(fixture('seed/link.xml')) as MessageOf<'link'>).Description).toBe('');
    expect((fromXml(fixture('seed/event-view.xml')) as EventOf<'VIEW'>).MenuId).toBe('434408580');
  });
});

describe('toInboundMessage: lists', () => {
  const pics = (items: string) =>
    `<xml><MsgType>event</MsgType><Event>pic_weixin</Event><EventKey>k</EventKey><SendPicsInfo><Count>2</Count><PicList>${items}</PicList></SendPicsInfo></xml>`;

  it.each([
    ['one item is still an array', pics('<item><PicMd5Sum>a</PicMd5Sum></item>'), [{ PicMd5Sum: 'a' }]],
    ['several items keep their order', pics('<item><PicMd5Sum>a</PicMd5Sum></item><item><PicMd5Sum>b</PicMd5Sum></item>'), [{ PicMd5Sum: 'a' }, { PicMd5Sum: 'b' }]],
    ['an empty list is empty', pics(''), []],
  ])('%s', (_name, xml, expected) => {
    expect((fromXml(xml) as EventOf<'pic_weixin'>).SendPicsInfo.PicList).toEqual(expected);
  });

  it('reads JSON lists given as arrays, as one object, or with the XML item wrapper', () => {
    const base = '"MsgType":"event","Event":"pic_weixin","EventKey":"k","SendPicsInfo":{"Count":1,"PicList":';
    for (const list of ['[{"PicMd5Sum":"a"}]', '{"PicMd5Sum":"a"}', '{"item":{"PicMd5Sum":"a"}}', '{"item":[{"PicMd5Sum":"a"}]}']) {
      expect((fromJson(`{${base}${list}}}`) as EventOf<'pic_weixin'>).SendPicsInfo).toEqual({ Count: '1', PicList: [{ PicMd5Sum: 'a' }] });
    }
  });

  it('reads repeated-element lists (itemTag null), even with one entry', () => {
    const one = fromXml('<xml><MsgType>event</MsgType><Event>subscribe_msg_change_event</Event><SubscribeMsgChangeEvent><List><TemplateId>t</TemplateId><SubscribeStatusString>accept</SubscribeStatusString></List></SubscribeMsgChangeEvent></xml>');
    expect((one as EventOf<'subscribe_msg_change_event'>).SubscribeMsgChangeEvent.List).toEqual([{ TemplateId: 't', SubscribeStatusString: 'accept' }]);
  });

  it('fills a required list of a present object with [] and leaves optional ones absent', () => {
    const event = fromXml('<xml><MsgType>event</MsgType><Event>subscribe_msg_sent_event</Event><SubscribeMsgSentEvent/></xml>');
    expect((event as EventOf<'subscribe_msg_sent_event'>).SubscribeMsgSentEvent).toEqual({ List: [] });
    const published = fromXml('<xml><MsgType>event</MsgType><Event>PUBLISHJOBFINISH</Event><PublishEventInfo><publish_id>1</publish_id><publish_status>0</publish_status></PublishEventInfo></xml>');
    expect((published as EventOf<'PUBLISHJOBFINISH'>).PublishEventInfo).toEqual({ publish_id: '1', publish_status: '0' });
    const mass = fromXml('<xml><MsgType>event</MsgType><Event>MASSSENDJOBFINISH</Event><MsgID>1</MsgID></xml>');
    expect(mass).not.toHaveProperty('CopyrightCheckResult');
  });
});

describe('toInboundMessage: unknown input is kept', () => {
  it('keeps an unknown type with all its fields as parsed', () => {
    const message = fromXml('<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>1</CreateTime><MsgType>brand_new</MsgType><Foo>bar</Foo><Nested><A>1</A><A>2</A></Nested></xml>');
    expect(message).toEqual({ ToUserName: 'gh', FromUserName: 'o', CreateTime: '1', MsgType: 'brand_new', Foo: 'bar', Nested: { A: ['1', '2'] } });
  });

  it('keeps an unknown event and unknown fields of a known type', () => {
    expect(fromXml('<xml><MsgType>event</MsgType><Event>debug_demo</Event><debug_str>hello world</debug_str></xml>')).toEqual({
      MsgType: 'event', Event: 'debug_demo', debug_str: 'hello world',
    });
    expect(fromXml('<xml><MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId><NewField>y</NewField></xml>')).toMatchObject({ NewField: 'y' });
  });

  it('types a JSON body like the same XML body', () => {
    const xml = fromXml(fixture('official/event-masssendjobfinish.xml'));
    const json = fromJson(JSON.stringify(parseCallbackXml(fixture('official/event-masssendjobfinish.xml'))));
    expect(json).toEqual(xml);
    expect(fromJson('{"ToUserName":"gh","MsgType":"text","Content":"  hi  ","MsgId":23942570635195977,"CreateTime":1714037059}')).toEqual({
      ToUserName: 'gh', MsgType: 'text', Content: '  hi  ', MsgId: '23942570635195977', CreateTime: '1714037059',
    });
  });

  it('takes the first of repeated text fields and stringifies JSON literals; null is absent', () => {
    expect(fromXml('<xml><MsgType>text</MsgType><Content>a</Content><Content>b</Content></xml>')).toEqual({ MsgType: 'text', Content: 'a' });
    expect(fromJson('{"MsgType":"text","Content":true,"MsgId":null}')).toEqual({ MsgType: 'text', Content: 'true' });
  });

  it('keeps "__proto__" fields as own data', () => {
    const message = fromJson('{"MsgType":"text","__proto__":{"polluted":1}}') as Record<string, unknown>;
    expect(Object.hasOwn(message, '__proto__')).toBe(true);
    expect((message as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it.each([
    ['no MsgType', {}],
    ['an empty MsgType', { MsgType: '' }],
    ['a nested MsgType', { MsgType: { a: '1' } }],
  ])('refuses %s with body_not_a_message', (_name, fields) => {
    let error: unknown;
    try {
      toInboundMessage(fields);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WechatInboundError);
    expect((error as WechatInboundError).reason).toBe('body_not_a_message');
  });
});
