import { buildEvent } from '../../message/message-builders.js';
import { fail } from '../emulator-errors.js';
import type { AccountState, JsonObject } from '../emulator-state.js';
import type { PublishRecord, PublishedRecord } from '../publish-state.js';
import { PLATFORM_SENDER } from '../push/platform-pushes.js';
import { OK, requireString, type AuthedContext, type EmulatorRoute } from '../route.js';
import { articleUrl, newOpaqueId } from './article-rules.js';
import { page } from './draft.routes.js';

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Publish';

function published(ctx: AuthedContext): PublishedRecord {
  const found = ctx.account.publishing.published.get(requireString(ctx.json(), 'article_id', 53600));
  if (!found) fail(53600);
  return found;
}

function articlesOf(ctx: AuthedContext, record: PublishedRecord, content: boolean): JsonObject[] {
  return record.articles.map((article) => (content ? article : { ...article, content: undefined }));
}

/** The job's end: success (an article_id and the article URLs) or the failure `failNextPublish()` queued. */
function finish(ctx: AuthedContext, account: AccountState, job: PublishRecord) {
  const failure = account.publishing.failures.shift();
  const info: Record<string, unknown> = { publish_id: job.publishId };
  if (failure) {
    job.status = failure.status;
    job.failIdx = failure.failIdx ?? job.articles.map((_, i) => i + 1);
    Object.assign(info, { publish_status: String(job.status), fail_idx: job.failIdx.map(String) });
  } else {
    const articleId = newOpaqueId();
    job.status = 0;
    job.articleId = articleId;
    const articles = job.articles.map((article, i) => ({ ...article, url: articleUrl(ctx, 'published', articleId, i + 1), is_deleted: false }));
    account.publishing.published.set(articleId, { articleId, articles, updateTime: ctx.core.clock.nowSeconds() });
    Object.assign(info, {
      publish_status: '0',
      article_id: articleId,
      article_detail: { count: String(articles.length), item: articles.map((a, i) => ({ idx: String(i + 1), article_url: a.url })) },
    });
  }
  return buildEvent('PUBLISHJOBFINISH', {
    FromUserName: PLATFORM_SENDER,
    CreateTime: String(ctx.core.clock.nowSeconds()),
    PublishEventInfo: info as never,
  });
}

export const FREEPUBLISH_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/freepublish/submit',
    doc: `${DOC}/Publish.html`,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const state = ctx.account.publishing;
      const draft = state.drafts.get(requireString(ctx.json(), 'media_id', 40007));
      if (!draft) fail(40007);
      // "上传到草稿箱中的素材被群发或发布后，该素材将从草稿箱中移除"
      state.drafts.delete(draft.mediaId);
      const id = 2_247_483_000 + ctx.account.nextId();
      const job: PublishRecord = { publishId: String(id), msgDataId: String(id + 1_000_000), articles: draft.articles, status: 1 };
      state.publishes.set(job.publishId, job);
      const account = ctx.account;
      ctx.core.later(account, ctx.core.jobDelayMs, () => finish(ctx, account, job));
      return { ...OK, publish_id: job.publishId, msg_data_id: job.msgDataId };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/freepublish/get',
    doc: `${DOC}/Get_status.html`,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const job = ctx.account.publishing.publishes.get(requireString(ctx.json(), 'publish_id', 40097));
      if (!job) fail(40097);
      const answer: JsonObject = { publish_id: job.publishId, publish_status: job.status };
      if (job.articleId) {
        const record = ctx.account.publishing.published.get(job.articleId)!;
        answer.article_id = job.articleId;
        answer.article_detail = { count: record.articles.length, item: record.articles.map((a, i) => ({ idx: i + 1, article_url: a.url })) };
      }
      if (job.status !== 1) answer.fail_idx = job.failIdx ?? [];
      return answer;
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/freepublish/delete',
    doc: `${DOC}/Delete_posts.html`,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const record = published(ctx);
      const index = ctx.json().index ?? 0;
      if (!Number.isInteger(index) || (index as number) < 0 || (index as number) > record.articles.length) fail(40097);
      // "要删除的文章在图文消息中的位置，第一篇编号为1，该字段不填或填0会删除全部文章"
      record.articles.forEach((article, i) => {
        if (index === 0 || index === i + 1) article.is_deleted = true;
      });
      if (record.articles.every((a) => a.is_deleted)) {
        for (const job of ctx.account.publishing.publishes.values()) if (job.articleId === record.articleId) job.status = 5;
      }
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/freepublish/getarticle',
    doc: `${DOC}/Get_article_from_id.html`,
    needsToken: true,
    body: 'json',
    handler: (ctx) => ({ news_item: articlesOf(ctx, published(ctx), true) }),
  },
  {
    method: 'POST',
    path: '/cgi-bin/freepublish/batchget',
    doc: `${DOC}/Get_publication_records.html`,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const { offset, count, content } = page(ctx.json());
      const all = [...ctx.account.publishing.published.values()].filter((r) => r.articles.some((a) => !a.is_deleted)).reverse();
      const item = all.slice(offset, offset + count).map((record) => ({
        article_id: record.articleId,
        content: { news_item: articlesOf(ctx, record, content) },
        update_time: record.updateTime,
      }));
      return { total_count: all.length, item_count: item.length, item };
    },
  },
];
