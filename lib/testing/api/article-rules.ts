import { randomBytes } from 'node:crypto';
import { fail } from '../emulator-errors.js';
import type { JsonObject } from '../emulator-state.js';
import { FILES_PREFIX, isObject, type AuthedContext } from '../route.js';

/**
 * How WeChat checks the articles of 新建草稿 and 上传图文消息素材
 * (https://developers.weixin.qq.com/doc/offiaccount/Draft_Box/Add_draft.html): 标题不超过32个字, 作者不超过16个字,
 * 摘要不超过128个字, content 少于2万字符、小于1M, a permanent image as cover (newspic: 1 to 20 permanent images).
 */
const MAX_ARTICLES = 8;
const MAX_TITLE = 32;
const MAX_AUTHOR = 16;
const MAX_DIGEST = 128;
const MAX_CONTENT_CHARS = 20_000;
const MAX_CONTENT_BYTES = 1024 * 1024;
const MAX_IMAGES = 20;
/** "如果本字段为没有填写，则默认抓取正文前54个字". */
const AUTO_DIGEST = 54;

const chars = (value: string) => [...value].length;

function optionalText(article: JsonObject, field: string, max: number, errcode: Parameters<typeof fail>[0]): string {
  const value = article[field];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') fail(40097);
  if (chars(value) > max) fail(errcode);
  return value;
}

function permanentImage(ctx: AuthedContext, mediaId: unknown): string {
  const record = typeof mediaId === 'string' ? ctx.account.media.get(mediaId) : undefined;
  if (!record || record.kind !== 'permanent' || (record.type !== 'image' && record.type !== 'thumb')) fail(40007);
  return record.url;
}

/** Checks one article and returns it as WeChat stores it (defaults filled in). */
export function checkArticle(ctx: AuthedContext, value: unknown, options: { newspic: boolean }): JsonObject {
  if (!isObject(value)) fail(47001);
  const type = value.article_type ?? 'news';
  if (type !== 'news' && !(type === 'newspic' && options.newspic)) fail(40097);
  const title = value.title;
  if (typeof title !== 'string' || title === '') fail(44003);
  if (chars(title) > MAX_TITLE) fail(45003);
  const content = value.content;
  if (typeof content !== 'string' || content === '') fail(44004);
  if (chars(content) >= MAX_CONTENT_CHARS || Buffer.byteLength(content) >= MAX_CONTENT_BYTES) fail(45002);
  const author = optionalText(value, 'author', MAX_AUTHOR, 45110);
  const digest = optionalText(value, 'digest', MAX_DIGEST, 45004);
  const stored: JsonObject = {
    ...value,
    article_type: type,
    title,
    author,
    content,
    content_source_url: typeof value.content_source_url === 'string' ? value.content_source_url : '',
    need_open_comment: value.need_open_comment === 1 ? 1 : 0,
    only_fans_can_comment: value.only_fans_can_comment === 1 ? 1 : 0,
  };
  if (type === 'newspic') {
    const list = isObject(value.image_info) ? value.image_info.image_list : undefined;
    if (!Array.isArray(list) || list.length === 0 || list.length > MAX_IMAGES) fail(40097);
    for (const image of list) permanentImage(ctx, isObject(image) ? image.image_media_id : undefined);
  } else {
    stored.thumb_url = permanentImage(ctx, value.thumb_media_id);
    stored.digest = digest || [...content.replace(/<[^>]*>/g, '')].slice(0, AUTO_DIGEST).join('');
  }
  return stored;
}

/** Checks a whole article list (1 to 8). */
export function checkArticles(ctx: AuthedContext, value: unknown, options: { newspic: boolean }): JsonObject[] {
  if (!Array.isArray(value) || value.length === 0) fail(44003);
  if (value.length > MAX_ARTICLES) fail(45008);
  return value.map((article) => checkArticle(ctx, article, options));
}

/** An opaque id in WeChat's alphabet. */
export function newOpaqueId(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Where the emulator "hosts" an article (a preview of a draft, or a published one). Nothing is served there. */
export function articleUrl(ctx: AuthedContext, kind: 'draft' | 'published', id: string, idx: number): string {
  return `${ctx.core.baseUrl}${FILES_PREFIX.replace('files', kind === 'draft' ? 'preview' : 's')}${id}_${idx}`;
}
