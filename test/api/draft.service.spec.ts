import { DraftService } from '../../lib/api/draft/draft.service.js';
import { DRAFT_LIMITS, type DraftArticleDto } from '../../lib/api/draft/draft.dto.js';
import type { DraftArticleInput, NewsArticleInput } from '../../lib/api/draft/draft.types.js';
import { PublishService } from '../../lib/api/freepublish/freepublish.service.js';
import { MaterialService } from '../../lib/api/material/material.service.js';
import { WechatApiError } from '../../lib/errors/wechat-api.error.js';
import { WechatValidationError } from '../../lib/errors/wechat-validation.error.js';
import { WechatEmulator } from '../../lib/testing/index.js';
import { renderTicketPng } from '../../lib/testing/png-image.js';
import { APP, newClient, startStub } from './api-test-kit.js';

const png = (name: string) => ({ data: renderTicketPng(name), fileName: `${name}.png`, contentType: 'image/png' });

describe('DraftService and PublishService (against the emulator)', () => {
  let emu: WechatEmulator;
  let drafts: DraftService;
  let publish: PublishService;
  let material: MaterialService;
  let cover: string;
  let temporary: string;
  const article = (fields: Partial<DraftArticleDto> = {}): NewsArticleInput =>
    ({ title: '标题', author: '作者', content: '<p>正文</p>', thumb_media_id: cover, ...fields }) as NewsArticleInput;

  beforeAll(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret, token: 'cbtoken', jobDelayMs: 400 }); // long enough to see the job publishing on a loaded machine
    const { client } = newClient(emu.url);
    drafts = new DraftService(client);
    publish = new PublishService(client);
    material = new MaterialService(client);
    cover = (await material.addPermanent('image', png('cover'))).media_id;
    temporary = (await material.uploadTemporary('image', png('temp'))).media_id;
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.clearRequests());

  const sent = (path: string) => emu.requests.filter((r) => r.path === path);

  it('adds, reads, updates, counts and deletes a news draft', async () => {
    const mediaId = await drafts.add([article(), article({ title: '第二篇', digest: '摘要' })]);
    const [first, second] = await drafts.get(mediaId);
    expect(first).toMatchObject({ article_type: 'news', title: '标题', author: '作者', thumb_media_id: cover, digest: '正文' });
    expect(first!.thumb_url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(second).toMatchObject({ title: '第二篇', digest: '摘要' });
    await drafts.update(mediaId, 1, article({ title: '改过的' }));
    expect((await drafts.get(mediaId))[1]!.title).toBe('改过的');
    const before = await drafts.count();
    await drafts.delete(mediaId);
    await expect(drafts.count()).resolves.toBe(before - 1);
  });

  it('adds an image message (newspic) with its images', async () => {
    const mediaId = await drafts.add([
      { article_type: 'newspic', title: '图片消息', content: '纯文本', image_info: { image_list: [{ image_media_id: cover }] } },
    ]);
    expect((await drafts.get(mediaId))[0]).toMatchObject({ article_type: 'newspic', image_info: { image_list: [{ image_media_id: cover }] } });
  });

  it('answers the documented errcodes: 40007 for an unknown draft or a temporary cover', async () => {
    await expect(drafts.get('no-such-draft')).rejects.toMatchObject({ errcode: 40007, path: '/cgi-bin/draft/get' });
    await expect(drafts.update('no-such-draft', 0, article())).rejects.toMatchObject({ errcode: 40007 });
    await expect(drafts.delete('no-such-draft')).rejects.toBeInstanceOf(WechatApiError);
    // a temporary image passes the local check (only WeChat knows it is not permanent) and is refused there
    await expect(drafts.add([article({ thumb_media_id: temporary })])).rejects.toMatchObject({ errcode: 40007 });
  });

  describe('refuses bad input before the call, naming the field', () => {
    it.each([
      ['a title over 32 characters', () => [article({ title: '长'.repeat(DRAFT_LIMITS.title + 1) })], 'articles[0].title'],
      ['an author over 16 characters', () => [article({ author: 'a'.repeat(17) })], 'articles[0].author'],
      ['a digest over 128 characters', () => [article(), article({ digest: '摘'.repeat(129) })], 'articles[1].digest'],
      ['content of 20,000 characters', () => [article({ content: 'x'.repeat(20_000) })], 'articles[0].content'],
      ['a thumb that is a URL, not a permanent media_id', () => [article({ thumb_media_id: 'http://mmbiz.qpic.cn/mmbiz_png/x/0' })], 'articles[0].thumb_media_id'],
      ['a news article without a thumb', () => [article({ thumb_media_id: undefined })], 'articles[0].thumb_media_id'],
      ['a newspic without images', () => [{ article_type: 'newspic' as const, title: 't', content: 'c' }], 'articles[0].image_info'],
      ['more than 8 articles', () => Array.from({ length: 9 }, () => article()), 'articles'],
      ['no article', () => [], 'articles'],
      ['an unknown article type', () => [article({ article_type: 'video' as 'news' })], 'articles[0].article_type'],
      ['an undocumented field', () => [{ ...article(), show_cover: 1 } as DraftArticleDto], 'articles[0].show_cover'],
    ] as const)('%s', async (_name, articles, field) => {
      const error = await drafts.add(articles() as DraftArticleInput[]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WechatValidationError);
      expect(error).toMatchObject({ field });
      expect(sent('/cgi-bin/draft/add')).toHaveLength(0);
    });

    it('a page size over 20', async () => {
      await expect(drafts.batchGet({ count: 21 })).rejects.toMatchObject({ field: 'count' });
      await expect(publish.batchGet({ count: 21 })).rejects.toMatchObject({ field: 'count' });
      await expect(drafts.update('x', 8, article())).rejects.toMatchObject({ field: 'index' });
      expect(emu.requests).toHaveLength(0);
    });
  });

  it('types the article kinds: a news article needs a thumb, a newspic its images (compile-time)', () => {
    // @ts-expect-error a news article without thumb_media_id
    const news: DraftArticleInput = { title: 't', content: 'c' };
    // @ts-expect-error a newspic without image_info
    const newspic: DraftArticleInput = { article_type: 'newspic', title: 't', content: 'c' };
    expect([news, newspic]).toHaveLength(2);
  });

  it('lists drafts a page at a time and iterates over all of them', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await drafts.add([article({ title: `列表 ${i}` })]));
    const total = await drafts.count();
    const page = await drafts.batchGet({ count: 2, noContent: true });
    expect(page).toMatchObject({ total_count: total, item_count: 2 });
    expect(page.item[0]!.content).toBeUndefined();
    emu.clearRequests();
    const seen: string[] = [];
    for await (const item of drafts.iterate({ count: 2 })) seen.push(item.media_id);
    expect(seen).toHaveLength(total);
    expect(new Set(seen)).toEqual(new Set([...seen]));
    expect(seen).toEqual(expect.arrayContaining(ids));
    expect(sent('/cgi-bin/draft/batchget')).toHaveLength(Math.ceil(total / 2));
  });

  it('switch (deprecated) reads and opens the draft box', async () => {
    await expect(drafts.switchDraftBox()).resolves.toBe(false);
    expect(sent('/cgi-bin/draft/switch')[0]!.query).toMatchObject({ checkonly: '1' });
    await expect(drafts.switchDraftBox(false)).resolves.toBe(true);
    await expect(drafts.switchDraftBox()).resolves.toBe(true);
  });

  it('gets a product card, and refuses a card type the article type does not support (40097)', async () => {
    await expect(drafts.getProductCard('1000000000', 'news', 1)).resolves.toMatchObject({ product_key: expect.any(String), DOM: expect.stringContaining('<') });
    await expect(drafts.getProductCard('1000000000', 'news', 3)).rejects.toMatchObject({ errcode: 40097 });
    await expect(drafts.getProductCard('1', 'news', 5 as 1)).rejects.toMatchObject({ field: 'card_type' });
  });

  describe('publishing', () => {
    it('publishes a draft: publishing (1), then success (0) with an article_id whose article can be fetched', async () => {
      const mediaId = await drafts.add([article({ title: '发布' }), article({ title: '第二篇' })]);
      const job = await publish.submit(mediaId);
      expect(job).toMatchObject({ publish_id: expect.any(String), msg_data_id: expect.any(String) });
      await expect(publish.getStatus(job.publish_id)).resolves.toMatchObject({ publish_status: 1 });
      await expect(drafts.get(mediaId)).rejects.toMatchObject({ errcode: 40007 }); // the draft left the draft box
      await emu.idle();
      const status = await publish.getStatus(job.publish_id);
      expect(status).toMatchObject({ publish_status: 0, article_id: expect.any(String), fail_idx: [] });
      expect(status.article_detail?.item).toHaveLength(2);
      const articles = await publish.getArticle(status.article_id!);
      expect(articles.map((a) => [a.title, a.is_deleted])).toEqual([['发布', false], ['第二篇', false]]);
      expect(articles[0]!.url).toBe(status.article_detail!.item[0]!.article_url);

      const listed: string[] = [];
      for await (const item of publish.iterate({ count: 1 })) listed.push(item.article_id);
      expect(listed).toContain(status.article_id);

      await publish.delete(status.article_id!, 2);
      expect((await publish.getArticle(status.article_id!)).map((a) => a.is_deleted)).toEqual([false, true]);
      await publish.delete(status.article_id!);
      await expect(publish.getStatus(job.publish_id)).resolves.toMatchObject({ publish_status: 5 });
    });

    it('answers 53600 for an unknown article_id, 40007 for an unknown draft, 40097 for an unknown publish_id', async () => {
      await expect(publish.getArticle('no-such-article')).rejects.toMatchObject({ errcode: 53600, explanation: { zh: 'Article ID 无效' } });
      await expect(publish.delete('no-such-article')).rejects.toMatchObject({ errcode: 53600 });
      await expect(publish.submit('no-such-draft')).rejects.toMatchObject({ errcode: 40007 });
      await expect(publish.getStatus('1')).rejects.toMatchObject({ errcode: 40097 });
    });

    it('pushes PUBLISHJOBFINISH to the callback URL: success with the article list, and a failure with fail_idx', async () => {
      const stub = await startStub((_req, _body, res) => res.end('success'));
      try {
        emu.setCallback(`${stub.url}/wechat`);
        const ok = await publish.submit(await drafts.add([article({ title: '推送' })]));
        await emu.idle();
        emu.failNextPublish({ status: 4, failIdx: [1] });
        const refused = await publish.submit(await drafts.add([article({ title: '审核' })]));
        await emu.idle();

        const pushes = emu.platformPushes().filter((p) => p.event === 'PUBLISHJOBFINISH');
        const okPush = pushes.find((p) => JSON.stringify(p.message).includes(ok.publish_id))!;
        expect(okPush.delivered).toBe(true);
        const status = await publish.getStatus(ok.publish_id);
        expect(okPush.message).toMatchObject({
          MsgType: 'event',
          Event: 'PUBLISHJOBFINISH',
          PublishEventInfo: {
            publish_id: ok.publish_id,
            publish_status: '0',
            article_id: status.article_id,
            article_detail: { count: '1', item: [{ idx: '1', article_url: status.article_detail!.item[0]!.article_url }] },
          },
        });
        const failed = pushes.find((p) => JSON.stringify(p.message).includes(refused.publish_id))!;
        expect(failed.message).toMatchObject({ PublishEventInfo: { publish_status: '4', fail_idx: ['1'] } });
        await expect(publish.getStatus(refused.publish_id)).resolves.toMatchObject({ publish_status: 4, fail_idx: [1] });

        const bodies = stub.hits.map((h) => h.body.toString('utf8'));
        expect(bodies.some((b) => b.includes('<Event><![CDATA[PUBLISHJOBFINISH]]></Event>') && b.includes(`<publish_id>${ok.publish_id}</publish_id>`))).toBe(true);
        expect(bodies.some((b) => b.includes('<fail_idx>1</fail_idx>'))).toBe(true);
        expect(stub.hits.every((h) => h.query.has('signature'))).toBe(true);
      } finally {
        emu.setCallback(undefined);
        await stub.stop();
      }
    });
  });
});
