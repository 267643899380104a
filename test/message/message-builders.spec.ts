import { BUILDER_DEFAULTS, buildEvent, buildMessage, nextMsgId } from '../../lib/message/message-builders.js';
import { parseCallbackXml } from '../../lib/message/callback-parser.js';
import { toInboundMessage } from '../../lib/message/message-normalizer.js';
import { renderMessageXml } from '../../lib/message/message-serializer.js';

describe('buildMessage / buildEvent', () => {
  it('fills the common fields and MsgId', () => {
    const before = Math.floor(Date.now() / 1000);
    const message = buildMessage('text', { Content: 'hi' });
    expect(message).toEqual({
      ToUserName: BUILDER_DEFAULTS.ToUserName,
      FromUserName: BUILDER_DEFAULTS.FromUserName,
      CreateTime: expect.stringMatching(/^\d{10}$/),
      MsgType: 'text',
      Content: 'hi',
      MsgId: expect.stringMatching(/^\d{17,}$/),
    });
    expect(Number(message.CreateTime)).toBeGreaterThanOrEqual(before);
    expect(Number(message.CreateTime)).toBeLessThanOrEqual(before + 1);
  });

  it('keeps what the caller gives', () => {
    expect(buildMessage('location', {
      ToUserName: 'gh_2f7bd96befaf', FromUserName: 'oUser', CreateTime: '1673229217', MsgId: '23954882564720902',
      Location_X: '39.956860', Location_Y: '116.329788', Scale: '13', Label: '海淀区学院南路78号',
    })).toEqual({
      ToUserName: 'gh_2f7bd96befaf', FromUserName: 'oUser', CreateTime: '1673229217', MsgType: 'location',
      Location_X: '39.956860', Location_Y: '116.329788', Scale: '13', Label: '海淀区学院南路78号', MsgId: '23954882564720902',
    });
  });

  it('builds events with their nested fields', () => {
    const event = buildEvent('pic_weixin', { EventKey: 'k', SendPicsInfo: { Count: '1', PicList: [{ PicMd5Sum: 'abc' }] }, CreateTime: '5' });
    expect(event).toEqual({
      ToUserName: BUILDER_DEFAULTS.ToUserName, FromUserName: BUILDER_DEFAULTS.FromUserName, CreateTime: '5',
      MsgType: 'event', Event: 'pic_weixin', EventKey: 'k', SendPicsInfo: { Count: '1', PicList: [{ PicMd5Sum: 'abc' }] },
    });
    expect(toInboundMessage(parseCallbackXml(renderMessageXml(event)))).toEqual(event);
  });

  it('cannot be talked into another type', () => {
    const sneaky = { Content: 'x', MsgType: 'image' } as unknown as { Content: string };
    expect(buildMessage('text', sneaky).MsgType).toBe('text');
    const event = buildEvent('CLICK', { EventKey: 'k', Event: 'VIEW', MsgType: 'text' } as unknown as { EventKey: string });
    expect(event).toMatchObject({ MsgType: 'event', Event: 'CLICK' });
  });

  it('is typed from the table', () => {
    // @ts-expect-error Content is required for text
    buildMessage('text', {});
    // @ts-expect-error EventKey is required for CLICK
    buildEvent('CLICK', {});
    // @ts-expect-error no such event
    buildEvent('NOT_AN_EVENT', {});
    expect(buildEvent('subscribe', {}).Event).toBe('subscribe');
  });

  it('issues distinct MsgIds beyond 2^53', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => nextMsgId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
  });
});
