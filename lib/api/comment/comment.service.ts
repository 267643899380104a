import type { WechatApiClient } from '../wechat-api.client.js';
import { COMMENT_LIMITS, type CommentArticleDto, type CommentListType } from './comment.dto.js';
import { COMMENT_ENDPOINTS as E } from './comment.endpoints.js';
import type { ArticleComment, CommentPage } from './comment.types.js';

/** An article of a publish: `msg_data_id` and, in a multi-article publish, its `index` (from 0). */
export type ArticleRef = CommentArticleDto;

/**
 * 留言管理: open or close comments on a published article, list them (paged, or all with `iterate`), elect,
 * delete and reply. An unknown `msg_data_id` is errcode 88001, an unknown comment 88008.
 */
export class CommentService {
  constructor(private readonly client: WechatApiClient) {}

  /** 打开留言. */
  async open(article: ArticleRef): Promise<void> {
    await this.client.call(E.commentOpen, article);
  }

  /** 关闭留言. */
  async close(article: ArticleRef): Promise<void> {
    await this.client.call(E.commentClose, article);
  }

  /** 查看留言: one page (`count` at most 49) of every (0), normal (1) or 精选 (2) comment. */
  list(article: ArticleRef, page: { begin: number; count: number; type?: CommentListType }): Promise<CommentPage> {
    return this.client.call(E.commentList, { ...article, begin: page.begin, count: page.count, type: page.type ?? 0 });
  }

  /** 查看留言: every comment of the type, page by page. */
  async *iterate(article: ArticleRef, options: { type?: CommentListType; pageSize?: number } = {}): AsyncGenerator<ArticleComment> {
    const count = options.pageSize ?? COMMENT_LIMITS.maxPageSize;
    for (let begin = 0; ; begin += count) {
      const page = await this.list(article, { begin, count, type: options.type });
      yield* page.comment;
      if (page.comment.length < count || begin + count >= page.total) return;
    }
  }

  /** 留言标精选. */
  async markElect(article: ArticleRef, userCommentId: number): Promise<void> {
    await this.client.call(E.commentMarkElect, { ...article, user_comment_id: userCommentId });
  }

  /** 取消精选. */
  async unmarkElect(article: ArticleRef, userCommentId: number): Promise<void> {
    await this.client.call(E.commentUnmarkElect, { ...article, user_comment_id: userCommentId });
  }

  /** 删除留言. */
  async delete(article: ArticleRef, userCommentId: number): Promise<void> {
    await this.client.call(E.commentDelete, { ...article, user_comment_id: userCommentId });
  }

  /** 回复留言: one reply per comment (88005 for a second). */
  async reply(article: ArticleRef, userCommentId: number, content: string): Promise<void> {
    await this.client.call(E.commentReply, { ...article, user_comment_id: userCommentId, content });
  }

  /** 删除回复. */
  async deleteReply(article: ArticleRef, userCommentId: number): Promise<void> {
    await this.client.call(E.commentDeleteReply, { ...article, user_comment_id: userCommentId });
  }
}
