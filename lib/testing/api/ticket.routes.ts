import { fail } from '../emulator-errors.js';
import { BinaryBody, type EmulatorRoute } from '../route.js';
import type { EmulatorTicketType } from '../ticket-ledger.js';

const JSSDK_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html';
const HD_VOICE_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Get_temporary_materials.html';
const TYPES: readonly string[] = ['jsapi', 'wx_card'];

/** JS-SDK tickets (lifecycle in ticket-ledger.ts) and the high-definition voice download. */
export const TICKET_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'GET',
    path: '/cgi-bin/ticket/getticket',
    doc: JSSDK_DOC,
    // The access_token check (41001 / 40001 / 42001) is the dispatcher's, as for every authed route.
    needsToken: true,
    body: 'none',
    handler(ctx) {
      const type = ctx.query.get('type');
      if (type === null || !TYPES.includes(type)) fail(40097);
      const record = ctx.account.tickets.issue(type as EmulatorTicketType, ctx.core.clock.now());
      return { errcode: 0, errmsg: 'ok', ticket: record.ticket, expires_in: Math.ceil((record.expiresAt - record.issuedAt) / 1000) };
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/media/get/jssdk',
    doc: HD_VOICE_DOC,
    needsToken: true,
    body: 'none',
    handler(ctx) {
      const mediaId = ctx.query.get('media_id');
      if (!mediaId) fail(41006);
      // Voices the page uploaded with wx.uploadVoice; the emulator takes any voice uploaded to the account.
      const record = ctx.account.media.get(mediaId);
      if (!record || record.type !== 'voice') fail(40007);
      return new BinaryBody(record.bytes, 'voice/speex', `${mediaId}.speex`);
    },
  },
];
