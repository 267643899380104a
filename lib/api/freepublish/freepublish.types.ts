import type { DraftArticle } from '../draft/draft.types.js';

/** Answer of `freepublish/submit`: the job; its outcome comes as a PUBLISHJOBFINISH event (or by polling). */
export interface PublishSubmitResult {
  publish_id: string;
  msg_data_id: string;
}

/** publish_status: 0 成功, 1 发布中, 2 原创失败, 3 常规失败, 4 平台审核不通过, 5 成功后用户删除所有文章, 6 成功后系统封禁所有文章. */
export const PUBLISH_STATUS = {
  success: 0,
  publishing: 1,
  originalityFailed: 2,
  failed: 3,
  auditRefused: 4,
  deletedByUser: 5,
  blockedBySystem: 6,
} as const;
export type PublishStatusCode = (typeof PUBLISH_STATUS)[keyof typeof PUBLISH_STATUS];

/** Answer of `freepublish/get`. */
export interface PublishStatusResult {
  publish_id: string;
  publish_status: PublishStatusCode;
  /** Set on success. */
  article_id?: string;
  article_detail?: { count: number; item: { idx: number; article_url: string }[] };
  /** 1-based indexes of the articles that failed. */
  fail_idx?: number[];
}

/** A published article: the draft's fields, its permanent `url`, and whether it was deleted since. */
export interface PublishedArticle extends DraftArticle {
  is_deleted: boolean;
}

/** Answer of `freepublish/getarticle`. */
export interface PublishedArticleResult {
  news_item: PublishedArticle[];
}

/** One publication of `freepublish/batchget`. */
export interface PublishedListItem {
  article_id: string;
  content: { news_item: PublishedArticle[] };
  /** Unix seconds. */
  update_time: number;
}

/** Answer of `freepublish/batchget`. */
export interface PublishedBatch {
  total_count: number;
  item_count: number;
  item: PublishedListItem[];
}
