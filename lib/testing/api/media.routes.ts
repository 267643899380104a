import { fail } from '../emulator-errors.js';
import type { MediaRecord } from '../emulator-state.js';
import { BinaryBody, type AuthedContext, type EmulatorRoute } from '../route.js';
import { TEMPORARY_RULES, UPLOADIMG_RULE, isMediaType, readUpload, storeMedia } from './media-rules.js';

const UPLOAD_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/New_temporary_materials.html';
const GET_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Get_temporary_materials.html';
const UPLOADIMG_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Adding_Permanent_Assets.html';

/** "媒体文件在微信后台保存时间为3天，即3天后media_id失效". */
const TEMPORARY_TTL_MS = 3 * 86_400_000;

function temporaryMedia(ctx: AuthedContext, mediaId: string | null): MediaRecord {
  if (!mediaId) fail(41006);
  const record = ctx.account.media.get(mediaId);
  if (!record || record.kind !== 'temporary' || ctx.core.clock.now() >= record.createdAt + TEMPORARY_TTL_MS) fail(40007);
  return record;
}

export const MEDIA_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/media/upload',
    doc: UPLOAD_DOC,
    needsToken: true,
    quota: 100_000,
    body: 'multipart',
    async handler(ctx) {
      const type = ctx.query.get('type');
      if (!isMediaType(type)) fail(40004);
      const { file, ext } = await readUpload(ctx, TEMPORARY_RULES[type]);
      const record = storeMedia(ctx, 'temporary', type, file, ext);
      // thumb uploads answer thumb_media_id in place of media_id
      const idField = type === 'thumb' ? 'thumb_media_id' : 'media_id';
      return { type, [idField]: record.mediaId, created_at: Math.floor(record.createdAt / 1000) };
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/media/get',
    doc: GET_DOC,
    needsToken: true,
    quota: 200_000,
    body: 'none',
    handler(ctx) {
      const record = temporaryMedia(ctx, ctx.query.get('media_id'));
      // "如果返回的是视频消息素材，则内容如下：{"video_url":DOWN_URL}"
      if (record.type === 'video') return { video_url: record.url };
      return new BinaryBody(record.bytes, record.contentType, record.filename);
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/media/uploadimg',
    doc: UPLOADIMG_DOC,
    needsToken: true,
    body: 'multipart',
    async handler(ctx) {
      const { file, ext } = await readUpload(ctx, UPLOADIMG_RULE);
      return { url: storeMedia(ctx, 'uploadimg', 'image', file, ext).url };
    },
  },
];
