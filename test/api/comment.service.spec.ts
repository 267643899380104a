import { CommentService } from '../../lib/api/comment/comment.service.js';
import { WechatEmulator } from '../../lib/testing/index.js';
import { APP, newClient } from './api-test-kit.js';

describe('CommentService (against the emulator)', () => {
  const ARTICLE = { msg_data_id: 2247483653, index: 1 };
  let emu: WechatEmulator;
  let comments: CommentService;
  let ids: number[];
  beforeAll(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret, followers: ['oReader1', 'oReader2'] });
    comments = new CommentService(newClient(emu.url).client);
    ids = emu.seedComments(
      ARTICLE.msg_data_id,
      Array.from({ length: 60 }, (_, i) => ({ content: `第${i + 1}条留言`, openid: i % 2 ? 'oReader2' : 'oReader1' })),
      { index: ARTICLE.index },
    );
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.clearRequests());

  it('lists a page of comments with the documented fields', async () => {
    const page = await comments.list(ARTICLE, { begin: 0, count: 2 });
    expect(page.total).toBe(60);
    expect(page.comment).toEqual([
      { user_comment_id: ids[0], openid: 'oReader1', create_time: expect.any(Number), content: '第1条留言', comment_type: 0 },
      { user_comment_id: ids[1], openid: 'oReader2', create_time: expect.any(Number), content: '第2条留言', comment_type: 0 },
    ]);
    expect(emu.requests.at(-1)?.body).toEqual({ ...ARTICLE, begin: 0, count: 2, type: 0 });
  });

  it('iterates every comment in pages of at most 49', async () => {
    const all: string[] = [];
    for await (const c of comments.iterate(ARTICLE)) all.push(c.content);
    expect(all).toHaveLength(60);
    expect(all[59]).toBe('第60条留言');
    expect(emu.requests.map((r) => (r.body as { count: number }).count)).toEqual([49, 49]);
  });

  it('elects, unelects, replies, deletes the reply and deletes a comment', async () => {
    await comments.markElect(ARTICLE, ids[2]!);
    await comments.markElect(ARTICLE, ids[3]!);
    expect((await comments.list(ARTICLE, { begin: 0, count: 10, type: 2 })).comment.map((c) => c.user_comment_id)).toEqual([ids[2], ids[3]]);
    await comments.unmarkElect(ARTICLE, ids[3]!);
    expect((await comments.list(ARTICLE, { begin: 0, count: 10, type: 2 })).total).toBe(1);

    await comments.reply(ARTICLE, ids[4]!, '感谢留言');
    const replied = (await comments.list(ARTICLE, { begin: 4, count: 1 })).comment[0];
    expect(replied?.reply).toEqual({ content: '感谢留言', create_time: expect.any(Number) });
    await expect(comments.reply(ARTICLE, ids[4]!, '再回复一次')).rejects.toMatchObject({ errcode: 88005 });
    await comments.deleteReply(ARTICLE, ids[4]!);
    expect((await comments.list(ARTICLE, { begin: 4, count: 1 })).comment[0]?.reply).toBeUndefined();

    await comments.delete(ARTICLE, ids[5]!);
    expect((await comments.list(ARTICLE, { begin: 0, count: 49 })).total).toBe(59);
    expect(emu.comments(ARTICLE.msg_data_id, ARTICLE.index)?.comments[5]?.deleted).toBe(true);
  });

  it('opens and closes comments on the article', async () => {
    await comments.close(ARTICLE);
    expect(emu.comments(ARTICLE.msg_data_id, ARTICLE.index)?.open).toBe(false);
    await comments.open(ARTICLE);
    expect(emu.comments(ARTICLE.msg_data_id, ARTICLE.index)?.open).toBe(true);
  });

  it('an article the platform does not know is errcode 88001; an unknown comment 88008', async () => {
    const unknown = { msg_data_id: 1 };
    await expect(comments.open(unknown)).rejects.toMatchObject({ errcode: 88001, explanation: { en: expect.stringContaining('msg_data_id') } });
    await expect(comments.close(unknown)).rejects.toMatchObject({ errcode: 88001 });
    await expect(comments.list(unknown, { begin: 0, count: 10 })).rejects.toMatchObject({ errcode: 88001 });
    await expect(comments.markElect(ARTICLE, 9999)).rejects.toMatchObject({ errcode: 88008 });
    await expect(comments.unmarkElect(ARTICLE, 9999)).rejects.toMatchObject({ errcode: 88008 });
    await expect(comments.delete(ARTICLE, 9999)).rejects.toMatchObject({ errcode: 88008 });
    await expect(comments.reply(ARTICLE, 9999, 'x')).rejects.toMatchObject({ errcode: 88008 });
    await expect(comments.deleteReply(ARTICLE, 9999)).rejects.toMatchObject({ errcode: 88008 });
  });

  it('checks the documented limits before the call, naming the field', async () => {
    await expect(comments.list(ARTICLE, { begin: 0, count: 50 })).rejects.toMatchObject({ field: 'count' });
    await expect(comments.list(ARTICLE, { begin: -1, count: 5 })).rejects.toMatchObject({ field: 'begin' });
    await expect(comments.list(ARTICLE, { begin: 0, count: 5, type: 3 as 0 })).rejects.toMatchObject({ field: 'type' });
    await expect(comments.open({ msg_data_id: 1.5 })).rejects.toMatchObject({ field: 'msg_data_id' });
    await expect(comments.reply(ARTICLE, ids[0]!, '')).rejects.toMatchObject({ field: 'content' });
    await expect(comments.markElect({ ...ARTICLE, index: -1 }, ids[0]!)).rejects.toMatchObject({ field: 'index' });
    expect(emu.requests).toHaveLength(0);
  });
});
