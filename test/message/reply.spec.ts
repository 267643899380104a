import { WechatReplyError } from '../../lib/errors/wechat-reply.error.js';
import { Reply } from '../../lib/message/reply.js';

const fieldOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WechatReplyError);
    expect((error as WechatReplyError).code).toBe('WECHAT_REPLY_INVALID');
    return (error as WechatReplyError).field;
  }
  throw new Error('expected a WechatReplyError');
};

describe('Reply builders', () => {
  it('build the reply model', () => {
    expect(Reply.text('hi')).toEqual({ type: 'text', content: 'hi' });
    expect(Reply.image('m')).toEqual({ type: 'image', mediaId: 'm' });
    expect(Reply.voice('m')).toEqual({ type: 'voice', mediaId: 'm' });
    expect(Reply.video({ mediaId: 'm', title: 't' })).toEqual({ type: 'video', mediaId: 'm', title: 't' });
    expect(Reply.music({ musicUrl: 'u', thumbMediaId: 'th' })).toEqual({ type: 'music', musicUrl: 'u', thumbMediaId: 'th' });
    expect(Reply.news([{ title: 'a' }])).toEqual({ type: 'news', articles: [{ title: 'a' }] });
    expect(Reply.transferCustomerService()).toEqual({ type: 'transfer_customer_service' });
    expect(Reply.transferCustomerService('kf@acct')).toEqual({ type: 'transfer_customer_service', kfAccount: 'kf@acct' });
  });

  it('copies the articles array', () => {
    const articles = [{ title: 'a' }];
    const reply = Reply.news(articles);
    articles.push({ title: 'b' });
    expect(reply.articles).toHaveLength(1);
  });

  it.each([
    ['empty text', () => Reply.text(''), 'content'],
    ['a non-string text', () => Reply.text(undefined as unknown as string), 'content'],
    ['an empty image media id', () => Reply.image(''), 'mediaId'],
    ['an empty voice media id', () => Reply.voice(''), 'mediaId'],
    ['a video without media id', () => Reply.video({ mediaId: '' }), 'mediaId'],
    ['a video with a non-string title', () => Reply.video({ mediaId: 'm', title: 5 as unknown as string }), 'title'],
    ['music without a thumbnail', () => Reply.music({ musicUrl: 'u', thumbMediaId: '' }), 'thumbMediaId'],
    ['music without a url', () => Reply.music({ musicUrl: '', thumbMediaId: 't' }), 'musicUrl'],
    ['news without articles', () => Reply.news([]), 'articles'],
    ['news with 9 articles', () => Reply.news(Array.from({ length: 9 }, (_, i) => ({ title: `t${i}` }))), 'articles'],
    ['an article without a title', () => Reply.news([{ title: 'a' }, { title: '' }]), 'articles[1].title'],
    ['an article with a non-string url', () => Reply.news([{ title: 'a', url: 1 as unknown as string }]), 'articles[0].url'],
    ['an empty kf account', () => Reply.transferCustomerService(''), 'kfAccount'],
  ])('refuses %s, naming the field', (_name, build, field) => {
    expect(fieldOf(build)).toBe(field);
  });

  it('accepts 8 articles', () => {
    expect(Reply.news(Array.from({ length: 8 }, (_, i) => ({ title: `t${i}` }))).articles).toHaveLength(8);
  });

  it('does not put the value in the message', () => {
    try {
      Reply.video({ mediaId: 'm', title: { secret: 'SECRET' } as unknown as string });
    } catch (error) {
      expect((error as Error).message).toContain('"title"');
      expect((error as Error).message).not.toContain('SECRET');
    }
  });
});
