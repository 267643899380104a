import { pageRequest, walkPages } from '../draft/article-pages.js';
import type { ArticlePageOptions } from '../draft/draft.types.js';
import type { WechatApiClient } from '../wechat-api.client.js';
import { FREEPUBLISH_ENDPOINTS as E } from './freepublish.endpoints.js';
import type { PublishStatusResult, PublishSubmitResult, PublishedArticle, PublishedBatch, PublishedListItem } from './freepublish.types.js';

/**
 * Free publishing (发布能力): publishes a draft. The job runs asynchronously; WeChat pushes PUBLISHJOBFINISH to the
 * callback URL when it ends (`@OnEvent('PUBLISHJOBFINISH')`), or poll `getStatus()`.
 */
export class PublishService {
  constructor(private readonly client: WechatApiClient) {}

  /** 发布草稿: starts publishing the draft; the draft leaves the draft box. Never repeated automatically. */
  submit(mediaId: string): Promise<PublishSubmitResult> {
    return this.client.call(E.publishSubmit, { media_id: mediaId });
  }

  /** 发布状态轮询. */
  getStatus(publishId: string): Promise<PublishStatusResult> {
    return this.client.call(E.publishGet, { publish_id: publishId });
  }

  /** 删除发布: the whole publication, or the article at `index` (1-based). Cannot be undone. */
  async delete(articleId: string, index?: number): Promise<void> {
    await this.client.call(E.publishDelete, { article_id: articleId, ...(index !== undefined ? { index } : {}) });
  }

  /** 通过 article_id 获取已发布文章. */
  async getArticle(articleId: string): Promise<PublishedArticle[]> {
    return (await this.client.call(E.publishGetArticle, { article_id: articleId })).news_item;
  }

  /** 获取成功发布列表: one page (at most 20). */
  batchGet(options: ArticlePageOptions = {}): Promise<PublishedBatch> {
    return this.client.call(E.publishBatchGet, pageRequest(options));
  }

  /** Every publication, page by page: `for await (const p of publish.iterate()) …`. */
  iterate(options: ArticlePageOptions = {}): AsyncGenerator<PublishedListItem, void, undefined> {
    return walkPages((page) => this.client.call(E.publishBatchGet, page), options);
  }
}
