import { randomBytes } from 'node:crypto';
import { fail } from '../emulator-errors.js';
import type { QrActionName, QrTicket } from '../emulator-state.js';
import { renderTicketPng } from '../png-image.js';
import { BinaryBody, HttpStatusBody, isObject, type EmulatorRoute } from '../route.js';

const QR_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Account_Management/Generating_a_Parametric_QR_Code.html';

/** "最大不超过2592000（即30天），此字段如果不填，则默认有效期为60秒". */
const MAX_EXPIRE_SECONDS = 2_592_000;
const DEFAULT_EXPIRE_SECONDS = 60;

/** Per action: temporary or not, and which scene field with which bounds. */
const ACTIONS: Readonly<Record<QrActionName, { temporary: boolean; scene: 'id' | 'str'; maxId?: number }>> = {
  // "临时二维码时为32位非0整型"
  QR_SCENE: { temporary: true, scene: 'id', maxId: 0xffff_ffff },
  QR_STR_SCENE: { temporary: true, scene: 'str' },
  // "永久二维码时最大值为100000（目前参数只支持1--100000）"
  QR_LIMIT_SCENE: { temporary: false, scene: 'id', maxId: 100_000 },
  QR_LIMIT_STR_SCENE: { temporary: false, scene: 'str' },
};
const MAX_SCENE_STR = 64;

/**
 * A ticket shaped like WeChat's (base64, 44 chars starting `gQ`). It always contains `+` and `/`, so a caller
 * that forgets to URL-encode it for showqrcode gets the 404 WeChat would give.
 */
function newTicket(): string {
  const bytes = randomBytes(33);
  bytes[0] = 0x81;
  bytes[1] &= 0x0f;
  bytes.set([0xfb, 0xff, 0xbf], 3);
  return bytes.toString('base64');
}

export const QRCODE_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/qrcode/create',
    doc: QR_DOC,
    needsToken: true,
    quota: 100_000,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const actionName = body.action_name;
      if (typeof actionName !== 'string' || !Object.hasOwn(ACTIONS, actionName)) fail(40097);
      const action = ACTIONS[actionName as QrActionName];
      const info = body.action_info;
      if (!isObject(info) || !isObject(info.scene)) fail(40053);
      const scene = info.scene;
      let sceneId: number | undefined;
      let sceneStr: string | undefined;
      if (action.scene === 'id') {
        const id = scene.scene_id;
        if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > action.maxId!) fail(40053);
        sceneId = id;
      } else {
        const str = scene.scene_str;
        if (typeof str !== 'string' || str.length < 1 || str.length > MAX_SCENE_STR) fail(40053);
        sceneStr = str;
      }
      let expireSeconds: number | undefined;
      if (action.temporary) {
        const requested = body.expire_seconds ?? DEFAULT_EXPIRE_SECONDS;
        if (typeof requested !== 'number' || !Number.isInteger(requested) || requested < 1) fail(40097);
        expireSeconds = Math.min(requested, MAX_EXPIRE_SECONDS);
      }
      const ticket: QrTicket = {
        ticket: newTicket(),
        actionName: actionName as QrActionName,
        sceneId,
        sceneStr,
        expireSeconds,
        createdAt: ctx.core.clock.now(),
        url: `http://weixin.qq.com/q/${randomBytes(16).toString('base64url').slice(0, 22)}`,
      };
      ctx.account.qrTickets.set(ticket.ticket, ticket);
      return expireSeconds === undefined
        ? { ticket: ticket.ticket, url: ticket.url }
        : { ticket: ticket.ticket, expire_seconds: expireSeconds, url: ticket.url };
    },
  },
  {
    // Lives on mp.weixin.qq.com in production; the emulator serves it on its own origin. No token needed.
    method: 'GET',
    path: '/cgi-bin/showqrcode',
    doc: QR_DOC,
    needsToken: false,
    body: 'none',
    handler(ctx) {
      const ticket = ctx.query.get('ticket') ?? '';
      const now = ctx.core.clock.now();
      for (const appId of ctx.core.accountIds()) {
        const found = ctx.core.account(appId)?.qrTickets.get(ticket);
        if (!found) continue;
        if (found.expireSeconds !== undefined && now >= found.createdAt + found.expireSeconds * 1000) break;
        ctx.setAppId(appId);
        return new BinaryBody(renderTicketPng(ticket), 'image/png');
      }
      return new HttpStatusBody(404, 'Not Found');
    },
  },
];
