import { ArticlePageDto, DraftMediaIdDto } from '../draft/draft.dto.js';
import { endpoint } from '../endpoint.js';
import { ArticleIdDto, PublishDeleteDto, PublishIdDto } from './freepublish.dto.js';
import type { PublishStatusResult, PublishSubmitResult, PublishedArticleResult, PublishedBatch } from './freepublish.types.js';

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Publish';

/** Free publishing (发布能力): publish a draft, follow the job, read and delete what was published. */
export const FREEPUBLISH_ENDPOINTS = {
  publishSubmit: endpoint<PublishSubmitResult>()({
    title: '发布草稿', method: 'POST', path: '/cgi-bin/freepublish/submit', kind: 'send', request: DraftMediaIdDto, response: 'json',
    expect: ['publish_id'], doc: `${DOC}/Publish.html`,
  }),
  publishGet: endpoint<PublishStatusResult>()({
    title: '发布状态轮询', method: 'POST', path: '/cgi-bin/freepublish/get', kind: 'read', request: PublishIdDto, response: 'json',
    expect: ['publish_status'], doc: `${DOC}/Get_status.html`,
  }),
  publishDelete: endpoint()({
    title: '删除发布', method: 'POST', path: '/cgi-bin/freepublish/delete', kind: 'send', request: PublishDeleteDto, response: 'json',
    doc: `${DOC}/Delete_posts.html`,
  }),
  publishGetArticle: endpoint<PublishedArticleResult>()({
    title: '通过 article_id 获取已发布文章', method: 'POST', path: '/cgi-bin/freepublish/getarticle', kind: 'read', request: ArticleIdDto,
    response: 'json', expect: ['news_item'], doc: `${DOC}/Get_article_from_id.html`,
  }),
  publishBatchGet: endpoint<PublishedBatch>()({
    title: '获取成功发布列表', method: 'POST', path: '/cgi-bin/freepublish/batchget', kind: 'read', request: ArticlePageDto,
    response: 'json', expect: ['item'], doc: `${DOC}/Get_publication_records.html`,
  }),
} as const;
