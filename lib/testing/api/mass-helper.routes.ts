import { fail } from '../emulator-errors.js';
import { OK, isObject, requireString, type EmulatorRoute } from '../route.js';
import { newOpaqueId } from './article-rules.js';

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html';

/** "群发速度的级别，是一个0到4的整数，数字越大表示群发速度越慢": level → 万/分钟. */
const SPEEDS: readonly number[] = [80, 60, 45, 30, 10];
/** uploadnews: "图文消息，一个图文消息支持1到8条图文". */
const MAX_ARTICLES = 8;

export const MASS_HELPER_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/media/uploadnews',
    doc: DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const articles = ctx.json().articles;
      if (!Array.isArray(articles) || articles.length === 0) fail(44003);
      if (articles.length > MAX_ARTICLES) fail(45008);
      for (const article of articles) {
        if (!isObject(article)) fail(47001);
        // "thumb_media_id 图文消息缩略图的media_id，可以在素材管理-新增素材中获得"
        const thumb = typeof article.thumb_media_id === 'string' ? ctx.account.media.get(article.thumb_media_id) : undefined;
        if (!thumb || (thumb.type !== 'thumb' && thumb.type !== 'image')) fail(40007);
        if (typeof article.title !== 'string' || article.title === '') fail(44003);
        if (typeof article.content !== 'string' || article.content === '') fail(44004);
      }
      const mediaId = newOpaqueId(48);
      ctx.account.publishing.massNews.set(mediaId, structuredClone(articles));
      return { type: 'news', media_id: mediaId, created_at: ctx.core.clock.nowSeconds() };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/media/uploadvideo',
    doc: DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const source = ctx.account.media.get(requireString(body, 'media_id', 40007));
      if (!source || source.type !== 'video') fail(40007);
      const mediaId = newOpaqueId(48);
      ctx.account.publishing.massVideos.set(mediaId, {
        mediaId,
        sourceMediaId: source.mediaId,
        title: typeof body.title === 'string' ? body.title : '',
        description: typeof body.description === 'string' ? body.description : '',
      });
      return { type: 'video', media_id: mediaId, created_at: ctx.core.clock.nowSeconds() };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/mass/speed/get',
    doc: DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const speed = ctx.account.publishing.massSpeed;
      return { speed, realspeed: SPEEDS[speed]! };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/mass/speed/set',
    doc: DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const speed = ctx.json().speed;
      if (!Number.isInteger(speed) || (speed as number) < 0 || (speed as number) >= SPEEDS.length) fail(40097);
      ctx.account.publishing.massSpeed = speed as number;
      return OK;
    },
  },
];
