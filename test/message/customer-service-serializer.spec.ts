import { WechatReplyError } from '../../lib/errors/wechat-reply.error.js';
import { toCustomerServiceBody } from '../../lib/message/customer-service-serializer.js';
import type { CustomerServiceMessage } from '../../lib/message/reply.js';

/** Each body as the customer-service docs show it (Service_Center_messages.html). */
const CASES: [CustomerServiceMessage, Record<string, unknown>][] = [
  [{ type: 'text', content: 'Hello World' }, { text: { content: 'Hello World' } }],
  [{ type: 'image', mediaId: 'MEDIA_ID' }, { image: { media_id: 'MEDIA_ID' } }],
  [{ type: 'voice', mediaId: 'MEDIA_ID' }, { voice: { media_id: 'MEDIA_ID' } }],
  [
    { type: 'video', mediaId: 'MEDIA_ID', thumbMediaId: 'MEDIA_ID', title: 'TITLE', description: 'DESCRIPTION' },
    { video: { media_id: 'MEDIA_ID', thumb_media_id: 'MEDIA_ID', title: 'TITLE', description: 'DESCRIPTION' } },
  ],
  [
    { type: 'music', title: 'MUSIC_TITLE', description: 'MUSIC_DESCRIPTION', musicUrl: 'MUSIC_URL', hqMusicUrl: 'HQ_MUSIC_URL', thumbMediaId: 'THUMB_MEDIA_ID' },
    { music: { title: 'MUSIC_TITLE', description: 'MUSIC_DESCRIPTION', musicurl: 'MUSIC_URL', hqmusicurl: 'HQ_MUSIC_URL', thumb_media_id: 'THUMB_MEDIA_ID' } },
  ],
  [
    { type: 'news', articles: [{ title: 'Happy Day', description: 'Is Really A Happy Day', url: 'URL', picUrl: 'PIC_URL' }] },
    { news: { articles: [{ title: 'Happy Day', description: 'Is Really A Happy Day', url: 'URL', picurl: 'PIC_URL' }] } },
  ],
  [{ type: 'mpnews', mediaId: 'MEDIA_ID' }, { mpnews: { media_id: 'MEDIA_ID' } }],
  [{ type: 'mpnewsarticle', articleId: 'ARTICLE_ID' }, { mpnewsarticle: { article_id: 'ARTICLE_ID' } }],
  [
    { type: 'msgmenu', headContent: '您对本次服务是否满意呢? ', list: [{ id: '101', content: '满意' }, { id: '102', content: '不满意' }], tailContent: '欢迎再次光临' },
    { msgmenu: { head_content: '您对本次服务是否满意呢? ', list: [{ id: '101', content: '满意' }, { id: '102', content: '不满意' }], tail_content: '欢迎再次光临' } },
  ],
  [{ type: 'wxcard', cardId: '123dsdajkasd231jhksad' }, { wxcard: { card_id: '123dsdajkasd231jhksad' } }],
  [
    { type: 'miniprogrampage', title: 'title', appId: 'appid', pagePath: 'pagepath', thumbMediaId: 'thumb_media_id' },
    { miniprogrampage: { title: 'title', appid: 'appid', pagepath: 'pagepath', thumb_media_id: 'thumb_media_id' } },
  ],
];

describe('toCustomerServiceBody', () => {
  it.each(CASES)('%o', (message, content) => {
    expect(toCustomerServiceBody('OPENID', message)).toEqual({ touser: 'OPENID', msgtype: message.type, ...content });
  });

  it('sends as a customer-service account when one is given', () => {
    expect(toCustomerServiceBody('OPENID', { type: 'text', content: 'Hello World' }, 'test1@kftest')).toEqual({
      touser: 'OPENID', msgtype: 'text', text: { content: 'Hello World' }, customservice: { kf_account: 'test1@kftest' },
    });
    expect(toCustomerServiceBody('OPENID', { type: 'text', content: 'x' }, '')).not.toHaveProperty('customservice');
  });

  it('omits optional fields that are not set', () => {
    expect(toCustomerServiceBody('O', { type: 'video', mediaId: 'm' })).toEqual({ touser: 'O', msgtype: 'video', video: { media_id: 'm' } });
  });

  it('refuses a missing recipient', () => {
    expect(() => toCustomerServiceBody('', { type: 'text', content: 'x' })).toThrow(expect.objectContaining({ field: 'toUser' }));
  });

  it.each<[string, unknown, string]>([
    ['news with 2 articles (customer service allows 1)', { type: 'news', articles: [{ title: 'a' }, { title: 'b' }] }, 'articles'],
    ['news without articles', { type: 'news', articles: [] }, 'articles'],
    ['empty text', { type: 'text', content: '' }, 'content'],
    ['a card without id', { type: 'wxcard', cardId: '' }, 'cardId'],
    ['a mini program page without path', { type: 'miniprogrampage', title: 't', appId: 'a', pagePath: '', thumbMediaId: 'm' }, 'pagePath'],
    ['a menu without items', { type: 'msgmenu', headContent: 'h', list: [], tailContent: 't' }, 'list'],
    ['a menu item without id', { type: 'msgmenu', headContent: 'h', list: [{ id: '', content: 'c' }], tailContent: 't' }, 'list[0].id'],
    ['a transfer (passive replies only)', { type: 'transfer_customer_service' }, 'type'],
  ])('refuses %s', (_name, message, field) => {
    let error: unknown;
    try {
      toCustomerServiceBody('O', message as CustomerServiceMessage);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WechatReplyError);
    expect((error as WechatReplyError).field).toBe(field);
  });
});
