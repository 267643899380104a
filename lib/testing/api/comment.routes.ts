import { fail } from '../emulator-errors.js';
import type { ArticleComments, CommentRecord, JsonObject } from '../emulator-state.js';
import { OK, type AuthedContext, type EmulatorRoute } from '../route.js';

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Comments_management/Manage_comments.html';

/** comment/list: "获取数目（>=50会被拒绝）"; type 0 all, 1 normal, 2 精选. */
const MAX_COUNT = 49;
/** The emulator's bound on 精选 comments per article (88003 "elected comment upper limit"). */
const MAX_ELECTED = 100;

function uint(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** The article `msg_data_id` + `index` names; 88001 when the platform has no such publish. */
function article(ctx: AuthedContext, body: JsonObject): ArticleComments {
  if (!uint(body.msg_data_id)) fail(47001);
  const index = body.index ?? 0;
  if (!uint(index)) fail(47001);
  const found = ctx.account.comments.get(`${body.msg_data_id}:${index}`);
  if (!found) fail(88001);
  return found;
}

function comment(ctx: AuthedContext): { found: ArticleComments; record: CommentRecord; body: JsonObject } {
  const body = ctx.json();
  const found = article(ctx, body);
  const id = body.user_comment_id;
  const record = uint(id) ? found.comments.find((c) => c.userCommentId === id && !c.deleted) : undefined;
  if (!record) fail(88008);
  return { found, record, body };
}

function toWire(c: CommentRecord): JsonObject {
  return {
    user_comment_id: c.userCommentId,
    openid: c.openid,
    create_time: c.createTime,
    content: c.content,
    comment_type: c.commentType,
    ...(c.reply ? { reply: { content: c.reply.content, create_time: c.reply.createTime } } : {}),
  };
}

const route = (path: string, handler: (ctx: AuthedContext) => JsonObject): EmulatorRoute => ({
  method: 'POST',
  path,
  doc: DOC,
  needsToken: true,
  body: 'json',
  handler,
});

export const COMMENT_ROUTES: readonly EmulatorRoute[] = [
  route('/cgi-bin/comment/open', (ctx) => {
    article(ctx, ctx.json()).open = true;
    return OK;
  }),
  route('/cgi-bin/comment/close', (ctx) => {
    article(ctx, ctx.json()).open = false;
    return OK;
  }),
  route('/cgi-bin/comment/list', (ctx) => {
    const body = ctx.json();
    const found = article(ctx, body);
    if (!uint(body.begin)) fail(47001);
    if (!uint(body.count) || body.count === 0 || body.count > MAX_COUNT) fail(88010);
    const type = body.type;
    if (type !== 0 && type !== 1 && type !== 2) fail(47001);
    const visible = found.comments.filter((c) => !c.deleted && (type === 0 || (type === 1 ? c.commentType === 0 : c.commentType === 1)));
    return { ...OK, total: visible.length, comment: visible.slice(body.begin, body.begin + body.count).map(toWire) };
  }),
  route('/cgi-bin/comment/markelect', (ctx) => {
    const { found, record } = comment(ctx);
    if (record.commentType === 0 && found.comments.filter((c) => c.commentType === 1 && !c.deleted).length >= MAX_ELECTED) fail(88003);
    record.commentType = 1;
    return OK;
  }),
  route('/cgi-bin/comment/unmarkelect', (ctx) => {
    comment(ctx).record.commentType = 0;
    return OK;
  }),
  route('/cgi-bin/comment/delete', (ctx) => {
    comment(ctx).record.deleted = true;
    return OK;
  }),
  route('/cgi-bin/comment/reply/add', (ctx) => {
    const { record, body } = comment(ctx);
    if (typeof body.content !== 'string' || body.content.trim() === '') fail(88007);
    if (record.reply) fail(88005);
    record.reply = { content: body.content, createTime: ctx.core.clock.nowSeconds() };
    return OK;
  }),
  route('/cgi-bin/comment/reply/delete', (ctx) => {
    const { record } = comment(ctx);
    if (!record.reply) fail(88008);
    record.reply = undefined;
    return OK;
  }),
];
