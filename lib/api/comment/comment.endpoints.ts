import { endpoint } from '../endpoint.js';
import { CommentArticleDto, CommentListDto, CommentReplyDto, CommentTargetDto } from './comment.dto.js';
import type { CommentPage } from './comment.types.js';

const DOC = 'https://developers.weixin.qq.com/doc/service/api/leaving';
/** The 留言管理 overview listing all eight APIs. */
const OVERVIEW = 'https://developers.weixin.qq.com/doc/offiaccount/Comments_management/Manage_comments.html';

/**
 * 留言管理: comments on a published article. Opening, closing, electing and deleting set a state, so a repeat
 * changes nothing (`read`); a reply is not repeated (88005 "already reply").
 */
export const COMMENT_ENDPOINTS = {
  commentOpen: endpoint()({
    title: '打开留言', method: 'POST', path: '/cgi-bin/comment/open', kind: 'read', request: CommentArticleDto,
    response: 'json', doc: OVERVIEW,
  }),
  commentClose: endpoint()({
    title: '关闭留言', method: 'POST', path: '/cgi-bin/comment/close', kind: 'read', request: CommentArticleDto,
    response: 'json', doc: OVERVIEW,
  }),
  commentList: endpoint<CommentPage>()({
    title: '查看留言', method: 'POST', path: '/cgi-bin/comment/list', kind: 'read', request: CommentListDto,
    response: 'json', expect: ['comment'], doc: `${DOC}/api_listcomment`,
  }),
  commentMarkElect: endpoint()({
    title: '留言标精选', method: 'POST', path: '/cgi-bin/comment/markelect', kind: 'read', request: CommentTargetDto,
    response: 'json', doc: OVERVIEW,
  }),
  commentUnmarkElect: endpoint()({
    title: '取消精选', method: 'POST', path: '/cgi-bin/comment/unmarkelect', kind: 'read', request: CommentTargetDto,
    response: 'json', doc: OVERVIEW,
  }),
  commentDelete: endpoint()({
    title: '删除留言', method: 'POST', path: '/cgi-bin/comment/delete', kind: 'send', request: CommentTargetDto,
    response: 'json', doc: OVERVIEW,
  }),
  commentReply: endpoint()({
    title: '回复留言', method: 'POST', path: '/cgi-bin/comment/reply/add', kind: 'send', request: CommentReplyDto,
    response: 'json', doc: `${DOC}/api_replycomment`,
  }),
  commentDeleteReply: endpoint()({
    title: '删除回复', method: 'POST', path: '/cgi-bin/comment/reply/delete', kind: 'send', request: CommentTargetDto,
    response: 'json', doc: OVERVIEW,
  }),
} as const;
