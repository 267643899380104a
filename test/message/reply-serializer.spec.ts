import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { WechatInboundError } from '../../lib/errors/wechat-inbound.error.js';
import { WechatReplyError } from '../../lib/errors/wechat-reply.error.js';
import { parseCallbackXml } from '../../lib/message/callback-parser.js';
import { Reply, type NewsArticle, type Reply as ReplyModel } from '../../lib/message/reply.js';
import {
  parseReplyJson,
  parseReplyXml,
  renderEncryptedReplyJson,
  renderEncryptedReplyXml,
  renderReplyJson,
  renderReplyXml,
} from '../../lib/message/reply-serializer.js';
import { CRYPTO_VECTORS } from '../fixtures/fixtures.js';

const HEAD = '<xml><ToUserName><![CDATA[oUser]]></ToUserName><FromUserName><![CDATA[gh_app]]></FromUserName><CreateTime>1700000000</CreateTime>';
const render = (reply: ReplyModel) => renderReplyXml(reply, 'oUser', 'gh_app', 1700000000);

describe('renderReplyXml: the documented shapes', () => {
  it.each<[string, ReplyModel, string]>([
    ['text', Reply.text('你好'), '<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content>'],
    ['image', Reply.image('media_id'), '<MsgType><![CDATA[image]]></MsgType><Image><MediaId><![CDATA[media_id]]></MediaId></Image>'],
    ['voice', Reply.voice('media_id'), '<MsgType><![CDATA[voice]]></MsgType><Voice><MediaId><![CDATA[media_id]]></MediaId></Voice>'],
    [
      'video',
      Reply.video({ mediaId: 'media_id', title: 'title', description: 'description' }),
      '<MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[media_id]]></MediaId><Title><![CDATA[title]]></Title><Description><![CDATA[description]]></Description></Video>',
    ],
    [
      'music',
      Reply.music({ title: 'TITLE', description: 'DESCRIPTION', musicUrl: 'MUSIC_Url', hqMusicUrl: 'HQ_MUSIC_Url', thumbMediaId: 'media_id' }),
      '<MsgType><![CDATA[music]]></MsgType><Music><Title><![CDATA[TITLE]]></Title><Description><![CDATA[DESCRIPTION]]></Description><MusicUrl><![CDATA[MUSIC_Url]]></MusicUrl><HQMusicUrl><![CDATA[HQ_MUSIC_Url]]></HQMusicUrl><ThumbMediaId><![CDATA[media_id]]></ThumbMediaId></Music>',
    ],
    [
      'news',
      Reply.news([{ title: 'title1', description: 'description1', picUrl: 'picurl', url: 'url' }, { title: 'title' }]),
      '<MsgType><![CDATA[news]]></MsgType><ArticleCount>2</ArticleCount><Articles><item><Title><![CDATA[title1]]></Title><Description><![CDATA[description1]]></Description><PicUrl><![CDATA[picurl]]></PicUrl><Url><![CDATA[url]]></Url></item><item><Title><![CDATA[title]]></Title></item></Articles>',
    ],
    ['transfer_customer_service', Reply.transferCustomerService(), '<MsgType><![CDATA[transfer_customer_service]]></MsgType>'],
    [
      'transfer_customer_service to one account',
      Reply.transferCustomerService('test1@test'),
      '<MsgType><![CDATA[transfer_customer_service]]></MsgType><TransInfo><KfAccount><![CDATA[test1@test]]></KfAccount></TransInfo>',
    ],
  ])('%s', (_name, reply, body) => {
    expect(render(reply)).toBe(`${HEAD}${body}</xml>`);
  });

  it('splits "]]>" across CDATA sections and keeps whitespace', () => {
    const xml = render(Reply.text('  a]]>b]]>  '));
    expect(xml).toContain('<Content><![CDATA[  a]]]]><![CDATA[>b]]]]><![CDATA[>  ]]></Content>');
    expect(parseCallbackXml(xml).Content).toBe('  a]]>b]]>  ');
  });

  it('drops characters XML cannot carry instead of producing a document WeChat refuses', () => {
    const xml = render(Reply.text('a\u0000b\u0007c\uFFFEd\uD800e\tf\ng'));
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parseCallbackXml(xml).Content).toBe('abcde\tf\ng');
  });

  it('escapes the addresses too, and writes CreateTime as whole seconds', () => {
    const xml = renderReplyXml(Reply.text('x'), 'o]]>u', 'gh', 1700000000.9);
    expect(parseReplyXml(xml)).toEqual({ toUser: 'o]]>u', fromUser: 'gh', createTime: 1700000000, reply: Reply.text('x') });
  });

  it('validates what handlers return', () => {
    expect(() => render({ type: 'text', content: '' })).toThrow(WechatReplyError);
    expect(() => render({ type: 'mpnews', mediaId: 'x' } as unknown as ReplyModel)).toThrow(WechatReplyError);
    expect(() => render(null as unknown as ReplyModel)).toThrow(WechatReplyError);
  });
});

describe('renderReplyJson', () => {
  it('mirrors the XML field names, with numbers for CreateTime and ArticleCount', () => {
    expect(JSON.parse(renderReplyJson(Reply.news([{ title: 't', url: 'u' }]), 'oUser', 'gh_app', 1700000000))).toEqual({
      ToUserName: 'oUser', FromUserName: 'gh_app', CreateTime: 1700000000, MsgType: 'news', ArticleCount: 1,
      Articles: [{ Title: 't', Url: 'u' }],
    });
    expect(JSON.parse(renderReplyJson(Reply.image('m'), 'o', 'g', 1))).toEqual({ ToUserName: 'o', FromUserName: 'g', CreateTime: 1, MsgType: 'image', Image: { MediaId: 'm' } });
    expect(JSON.parse(renderReplyJson(Reply.text('hi'), 'o', 'g', 1))).toMatchObject({ MsgType: 'text', Content: 'hi' });
    expect(JSON.parse(renderReplyJson(Reply.transferCustomerService(), 'o', 'g', 1))).not.toHaveProperty('TransInfo');
  });
});

describe('encrypted reply envelopes', () => {
  const v = CRYPTO_VECTORS.encrypt.find((e) => e.name.includes('JSON reply'))!;
  const envelope = { encrypt: v.ciphertext, msgSignature: v.signature!.msgSignature, timeStamp: v.signature!.timestamp, nonce: v.signature!.nonce };

  it('renders the docs JSON example', () => {
    expect(JSON.parse(renderEncryptedReplyJson(envelope))).toEqual({
      Encrypt: 'ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ==',
      MsgSignature: '1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1',
      TimeStamp: 1713424427,
      Nonce: '415670741',
    });
  });

  it('renders the docs XML shape', () => {
    expect(renderEncryptedReplyXml(envelope)).toBe(
      `<xml><Encrypt><![CDATA[${v.ciphertext}]]></Encrypt><MsgSignature><![CDATA[${envelope.msgSignature}]]></MsgSignature>` +
        `<TimeStamp>1713424427</TimeStamp><Nonce><![CDATA[415670741]]></Nonce></xml>`,
    );
  });

  it('keeps a non-numeric timestamp as text rather than writing invalid output', () => {
    const odd = { ...envelope, timeStamp: 'now' };
    expect(parseCallbackXml(renderEncryptedReplyXml(odd)).TimeStamp).toBe('now');
    expect(JSON.parse(renderEncryptedReplyJson(odd)).TimeStamp).toBe('now');
  });
});

describe('parseReplyXml / parseReplyJson', () => {
  it('reads the docs news example', () => {
    const xml = `<xml>
<ToUserName><![CDATA[toUser]]></ToUserName>
<FromUserName><![CDATA[fromUser]]></FromUserName>
<CreateTime>12345678</CreateTime>
<MsgType><![CDATA[news]]></MsgType>
<ArticleCount>1</ArticleCount>
<Articles>
<item>
<Title><![CDATA[title1]]></Title>
<Description><![CDATA[description1]]></Description>
<PicUrl><![CDATA[picurl]]></PicUrl>
<Url><![CDATA[url]]></Url>
</item>
</Articles>
</xml>`;
    expect(parseReplyXml(xml)).toEqual({
      toUser: 'toUser', fromUser: 'fromUser', createTime: 12345678,
      reply: { type: 'news', articles: [{ title: 'title1', description: 'description1', picUrl: 'picurl', url: 'url' }] },
    });
  });

  it('refuses unknown types and missing required fields with WechatReplyError, broken XML with WechatInboundError', () => {
    expect(() => parseReplyXml('<xml><MsgType>mpnews</MsgType></xml>')).toThrow(WechatReplyError);
    expect(() => parseReplyXml('<xml><MsgType>image</MsgType></xml>')).toThrow(/Image\.MediaId/);
    expect(() => parseReplyXml('<xml><MsgType>text</MsgType>')).toThrow(WechatInboundError);
    expect(() => parseReplyXml('success')).toThrow(WechatInboundError);
    expect(() => parseReplyJson('{"MsgType":"news","Articles":[{}]}')).toThrow(/Articles\[0\]\.Title/);
  });
});

// ---- round trips ---------------------------------------------------------------------------------------------------

const str = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));
const nonEmpty = str.filter((s) => s.length > 0);
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const article: fc.Arbitrary<NewsArticle> = fc.record(
  { title: nonEmpty, description: opt(str), picUrl: opt(str), url: opt(str) },
  { requiredKeys: ['title'] },
);
const replyArbitrary: fc.Arbitrary<ReplyModel> = fc.oneof(
  nonEmpty.map((content) => Reply.text(content)),
  nonEmpty.map((mediaId) => Reply.image(mediaId)),
  nonEmpty.map((mediaId) => Reply.voice(mediaId)),
  fc.record({ mediaId: nonEmpty, title: opt(str), description: opt(str) }, { requiredKeys: ['mediaId'] }).map((v) => Reply.video(v)),
  fc
    .record({ title: opt(str), description: opt(str), musicUrl: nonEmpty, hqMusicUrl: opt(str), thumbMediaId: nonEmpty }, { requiredKeys: ['musicUrl', 'thumbMediaId'] })
    .map((m) => Reply.music(m)),
  fc.array(article, { minLength: 1, maxLength: 8 }).map((a) => Reply.news(a)),
  opt(nonEmpty).map((k) => Reply.transferCustomerService(k)),
);

describe('reply round trips', () => {
  it('render → parse gives the reply back (XML), and the XML is well-formed for an independent parser', () => {
    fc.assert(
      fc.property(replyArbitrary, nonEmpty, nonEmpty, fc.integer({ min: 0, max: 2 ** 31 }), (reply, to, from, time) => {
        const xml = renderReplyXml(reply, to, from, time);
        expect(XMLValidator.validate(xml)).toBe(true);
        expect(parseReplyXml(xml)).toEqual({ toUser: to, fromUser: from, createTime: time, reply });
      }),
      { numRuns: 500 },
    );
  });

  it('render → parse gives the reply back (JSON)', () => {
    fc.assert(
      fc.property(replyArbitrary, nonEmpty, nonEmpty, fc.integer({ min: 0, max: 2 ** 31 }), (reply, to, from, time) => {
        expect(parseReplyJson(renderReplyJson(reply, to, from, time))).toEqual({ toUser: to, fromUser: from, createTime: time, reply });
      }),
      { numRuns: 300 },
    );
  });
});
