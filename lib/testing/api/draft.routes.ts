import { fail } from '../emulator-errors.js';
import type { JsonObject } from '../emulator-state.js';
import type { DraftRecord } from '../publish-state.js';
import { OK, isObject, requireString, type AuthedContext, type EmulatorRoute } from '../route.js';
import { articleUrl, checkArticle, checkArticles, newOpaqueId } from './article-rules.js';

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Draft_Box';
const CARD_DOC = 'https://developers.weixin.qq.com/doc/service/api/draftbox/shop/api_ecsgetproductcardinfo.html';
/** batchget: "返回素材的数量，取值在1到20之间". */
const MAX_PAGE = 20;

function draft(ctx: AuthedContext): DraftRecord {
  const found = ctx.account.publishing.drafts.get(requireString(ctx.json(), 'media_id', 40007));
  if (!found) fail(40007);
  return found;
}

function withUrls(ctx: AuthedContext, record: DraftRecord, content: boolean): JsonObject[] {
  return record.articles.map((article, i) => ({
    ...(content ? article : { ...article, content: undefined }),
    url: articleUrl(ctx, 'draft', record.mediaId, i + 1),
  }));
}

/** offset/count of a batchget page; 40097 outside 1 to 20. */
export function page(body: JsonObject): { offset: number; count: number; content: boolean } {
  const { offset, count } = body;
  if (!Number.isInteger(offset) || (offset as number) < 0) fail(40097);
  if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > MAX_PAGE) fail(40097);
  return { offset: offset as number, count: count as number, content: body.no_content !== 1 };
}

export const DRAFT_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/draft/add',
    doc: `${DOC}/Add_draft.html`,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const articles = checkArticles(ctx, ctx.json().articles, { newspic: true });
      const mediaId = newOpaqueId();
      ctx.account.publishing.drafts.set(mediaId, { mediaId, articles, updateTime: ctx.core.clock.nowSeconds() });
      return { media_id: mediaId };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/draft/get',
    doc: `${DOC}/Get_draft.html`,
    needsToken: true,
    body: 'json',
    handler: (ctx) => ({ news_item: withUrls(ctx, draft(ctx), true) }),
  },
  {
    method: 'POST',
    path: '/cgi-bin/draft/update',
    doc: `${DOC}/Update_draft.html`,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const record = draft(ctx);
      const index = ctx.json().index;
      if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= record.articles.length) fail(40097);
      const articles = ctx.json().articles;
      if (!isObject(articles)) fail(44003);
      record.articles[index as number] = checkArticle(ctx, articles, { newspic: true });
      record.updateTime = ctx.core.clock.nowSeconds();
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/draft/delete',
    doc: `${DOC}/Delete_draft.html`,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      ctx.account.publishing.drafts.delete(draft(ctx).mediaId);
      return OK;
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/draft/count',
    doc: `${DOC}/Count_drafts.html`,
    needsToken: true,
    body: 'none',
    handler: (ctx) => ({ total_count: ctx.account.publishing.drafts.size }),
  },
  {
    method: 'POST',
    path: '/cgi-bin/draft/batchget',
    doc: `${DOC}/Get_draft_list.html`,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const { offset, count, content } = page(ctx.json());
      // newest first, as the draft box lists them
      const all = [...ctx.account.publishing.drafts.values()].reverse();
      const item = all.slice(offset, offset + count).map((record) => ({
        media_id: record.mediaId,
        ...(content ? { content: { news_item: withUrls(ctx, record, true) } } : {}),
        update_time: record.updateTime,
      }));
      return { total_count: all.length, item_count: item.length, item };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/draft/switch',
    doc: `${DOC}/Temporary_MP_Switch.html`,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const checkonly = ctx.query.get('checkonly');
      if (checkonly !== null && checkonly !== '1') fail(40097);
      if (checkonly === null) ctx.account.publishing.draftBoxOpen = true;
      return { ...OK, is_open: ctx.account.publishing.draftBoxOpen ? 1 : 0 };
    },
  },
  {
    method: 'POST',
    path: '/channels/ec/service/product/getcardinfo',
    doc: CARD_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const productId = body.product_id;
      if (typeof productId !== 'string' || !/^\d+$/.test(productId)) fail(40097);
      if (body.article_type !== 'news' && body.article_type !== 'newspic') fail(40097);
      const cardType = body.card_type;
      if (![0, 1, 2, 3].includes(cardType as number)) fail(40097);
      // "图片消息：支持小卡、文字链接、条卡; 图文消息：支持大卡、小卡、文字链接"
      if ((body.article_type === 'news' && cardType === 3) || (body.article_type === 'newspic' && cardType === 0)) fail(40097);
      const productKey = `pk_${productId}`;
      return {
        ...OK,
        product_key: productKey,
        DOM: `<span class="wx_product_card" data-productkey="${productKey}" data-cardtype="${String(cardType)}"></span>`,
      };
    },
  },
];
