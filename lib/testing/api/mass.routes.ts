import { createHash } from 'node:crypto';
import { WECHAT_ERRMSG, fail } from '../emulator-errors.js';
import type { JsonObject } from '../emulator-state.js';
import { OK, isObject, type AuthedContext, type EmulatorRoute } from '../route.js';
import { finishMassLater } from './mass-job.js';

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html';

/** Mass-send msgtypes and the id each part carries. */
const MASS_MSGTYPES: Readonly<Record<string, (part: JsonObject) => boolean>> = {
  mpnews: (p) => typeof p.media_id === 'string' && p.media_id !== '',
  text: (p) => typeof p.content === 'string' && p.content !== '',
  voice: (p) => typeof p.media_id === 'string' && p.media_id !== '',
  // image: a single media_id, or (current docs) up to 20 `media_ids`
  image: (p) =>
    (typeof p.media_id === 'string' && p.media_id !== '') ||
    (Array.isArray(p.media_ids) && p.media_ids.length > 0 && p.media_ids.length <= 20),
  mpvideo: (p) => typeof p.media_id === 'string' && p.media_id !== '',
  wxcard: (p) => typeof p.card_id === 'string' && p.card_id !== '',
};
/** "OpenID最少2个，最多10000个" */
const MIN_OPENIDS = 2;
const MAX_OPENIDS = 10_000;

/** "clientmsgid … 24小时内" (Batch_Sends_and_Originality_Checks): the window in which a repeat is refused. */
const CLIENT_MSG_ID_WINDOW_MS = 24 * 3600 * 1000;

function checkContent(body: JsonObject): string {
  const msgtype = body.msgtype;
  if (typeof msgtype !== 'string' || !Object.hasOwn(MASS_MSGTYPES, msgtype)) fail(40008);
  // Mass image sends carry `images: { media_ids }`; previews (and older docs) `image: { media_id }`.
  const part = msgtype === 'image' && isObject(body.images) ? body.images : body[msgtype];
  if (!isObject(part) || !MASS_MSGTYPES[msgtype](part)) fail(msgtype === 'text' ? 44004 : 40007);
  return msgtype;
}

function record(ctx: AuthedContext, kind: 'mass' | 'mass-preview', to: string | string[], msgtype: string, body: JsonObject) {
  const msgId = 1_000_000 + ctx.account.nextId();
  const at = ctx.core.clock.now();
  ctx.account.sent.push({ kind, at, to, msgtype, body: structuredClone(body), msgId });
  return { msgId, at };
}

function submitted(ctx: AuthedContext, to: string | string[], msgtype: string, body: JsonObject) {
  // "如不填，则后台默认以群发范围和群发内容的摘要值做为clientmsgid"
  const given = typeof body.clientmsgid === 'string' && body.clientmsgid !== '' ? body.clientmsgid : undefined;
  const { clientmsgid: _ignored, ...content } = body;
  const clientMsgId = given ?? createHash('sha1').update(JSON.stringify([to, content])).digest('hex');
  const previous = ctx.account.massClientMsgIds.get(clientMsgId);
  const now = ctx.core.clock.now();
  if (previous && now - previous.at < CLIENT_MSG_ID_WINDOW_MS) {
    return { errcode: 45065, errmsg: WECHAT_ERRMSG[45065], msg_id: previous.msgId };
  }
  const { msgId, at } = record(ctx, 'mass', to, msgtype, body);
  ctx.account.massClientMsgIds.set(clientMsgId, { msgId, at });
  const msgDataId = msgtype === 'mpnews' ? 2_247_000_000 + msgId : undefined;
  ctx.account.mass.set(msgId, { msgId, msgDataId, at, deleted: false });
  finishMassLater(ctx, msgId, to, msgtype, body);
  const answer: JsonObject = { errcode: 0, errmsg: 'send job submission success', msg_id: msgId };
  if (msgDataId !== undefined) answer.msg_data_id = msgDataId;
  return answer;
}

function knownMass(ctx: AuthedContext) {
  const msgId = Number(ctx.json().msg_id);
  const mass = Number.isInteger(msgId) ? ctx.account.mass.get(msgId) : undefined;
  if (!mass) fail(40097);
  return mass;
}

export const MASS_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/message/mass/sendall',
    doc: DOC,
    needsToken: true,
    // "高级群发接口 每日限额 100"
    quota: 100,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const filter = body.filter;
      if (!isObject(filter)) fail(40097);
      let to = 'all';
      if (filter.is_to_all !== true) {
        const tagId = Number(filter.tag_id);
        if (!Number.isInteger(tagId) || !ctx.account.tags.has(tagId)) fail(45159);
        to = `tag:${tagId}`;
      }
      return submitted(ctx, to, checkContent(body), body);
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/mass/send',
    doc: DOC,
    needsToken: true,
    quota: 100,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const touser = body.touser;
      if (!Array.isArray(touser) || touser.length < MIN_OPENIDS || touser.length > MAX_OPENIDS) fail(40130);
      if (touser.some((o) => typeof o !== 'string' || o === '')) fail(40003);
      return submitted(ctx, touser as string[], checkContent(body), body);
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/mass/preview',
    doc: DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      let to: string;
      if (typeof body.towxname === 'string' && body.towxname) to = body.towxname;
      else if (typeof body.touser === 'string' && ctx.account.followers.has(body.touser)) to = body.touser;
      else fail(40003);
      const { msgId } = record(ctx, 'mass-preview', to, checkContent(body), body);
      return { errcode: 0, errmsg: 'preview success', msg_id: msgId };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/mass/delete',
    doc: DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      knownMass(ctx).deleted = true;
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/mass/get',
    doc: DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const mass = knownMass(ctx);
      return { msg_id: mass.msgId, msg_status: mass.deleted ? 'DELETE' : 'SEND_SUCCESS' };
    },
  },
];
