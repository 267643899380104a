import { fail } from '../emulator-errors.js';
import type { MediaRecord } from '../emulator-state.js';
import { BinaryBody, OK, isObject, requireString, type AuthedContext, type EmulatorRoute } from '../route.js';
import { PERMANENT_RULES, isMediaType, readUpload, storeMedia } from './media-rules.js';

const ADD_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Adding_Permanent_Assets.html';
const GET_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Getting_Permanent_Assets.html';
const DEL_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Deleting_Permanent_Assets.html';
const COUNT_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Get_the_total_of_all_materials.html';
const LIST_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Get_materials_list.html';

/** batchget_material: "返回素材的数量，取值在1到20之间". */
const MAX_LIST_COUNT = 20;
const LIST_TYPES = new Set(['image', 'video', 'voice', 'news']);

function permanent(ctx: AuthedContext): MediaRecord {
  const mediaId = requireString(ctx.json(), 'media_id', 41006);
  const record = ctx.account.media.get(mediaId);
  if (!record || record.kind !== 'permanent') fail(40007);
  return record;
}

/** The video `description` field: `{"title":…, "introduction":…}` ("新增永久视频素材需特别注意"). */
function videoDescription(raw: string | undefined): { title: string; introduction: string } {
  if (raw === undefined) fail(40097);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    fail(47001);
  }
  if (!isObject(parsed) || typeof parsed.title !== 'string' || !parsed.title) fail(40097);
  return { title: parsed.title, introduction: typeof parsed.introduction === 'string' ? parsed.introduction : '' };
}

export const MATERIAL_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/material/add_material',
    doc: ADD_DOC,
    needsToken: true,
    body: 'multipart',
    async handler(ctx) {
      const type = ctx.query.get('type');
      if (!isMediaType(type)) fail(40004);
      const { file, ext, form } = await readUpload(ctx, PERMANENT_RULES[type]);
      const extra = type === 'video' ? videoDescription(form.fields.description) : {};
      const record = storeMedia(ctx, 'permanent', type, file, ext, extra);
      // "url：新增的图片素材的图片URL（仅新增图片素材时会返回该字段）"
      return type === 'image' ? { media_id: record.mediaId, url: record.url } : { media_id: record.mediaId };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/material/get_material',
    doc: GET_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const record = permanent(ctx);
      if (record.type === 'video') return { title: record.title, description: record.introduction, down_url: record.url };
      return new BinaryBody(record.bytes, record.contentType, record.filename);
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/material/del_material',
    doc: DEL_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      ctx.account.media.delete(permanent(ctx).mediaId);
      return OK;
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/material/get_materialcount',
    doc: COUNT_DOC,
    needsToken: true,
    body: 'none',
    handler(ctx) {
      const counts = { voice_count: 0, video_count: 0, image_count: 0, news_count: 0 };
      for (const record of ctx.account.media.values()) {
        if (record.kind !== 'permanent' || record.type === 'thumb') continue;
        counts[`${record.type}_count`] += 1;
      }
      return counts;
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/material/batchget_material',
    doc: LIST_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const type = body.type;
      if (typeof type !== 'string' || !LIST_TYPES.has(type)) fail(40004);
      const offset = body.offset ?? 0;
      const count = body.count;
      if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) fail(40097);
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_LIST_COUNT) fail(40097);
      const all = [...ctx.account.media.values()].filter((r) => r.kind === 'permanent' && r.type === type).reverse();
      const item = all.slice(offset, offset + count).map((r) => ({
        media_id: r.mediaId,
        name: r.filename,
        update_time: Math.floor(r.createdAt / 1000),
        ...(r.type === 'image' ? { url: r.url } : {}),
      }));
      return { total_count: all.length, item_count: item.length, item };
    },
  },
];
