import { createHash, randomBytes } from 'node:crypto';
import { buildEvent, buildMessage } from '../../message/message-builders.js';
import type { InboundMessage } from '../../message/message-types.js';
import type { JsonObject, QrTicket } from '../emulator-state.js';
import type { Bubble } from './ui-bubbles.js';

/** A page request the UI refuses: HTTP 400 with this message (it names the field). */
export class UiInputError extends Error {}

/** What a push from the page says and how the chat shows the follower's side of it. */
export interface UiPush {
  message: InboundMessage;
  bubble: Bubble;
}

export interface MenuButton {
  type?: string;
  name?: string;
  key?: string;
  url?: string;
  appid?: string;
  pagepath?: string;
  sub_button?: MenuButton[];
}

const field = (body: JsonObject, name: string, max = 2048): string => {
  const value = body[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UiInputError(`${name} is required`);
  if (value.length > max) throw new UiInputError(`${name} is longer than ${max} characters`);
  return value;
};
const optional = (body: JsonObject, name: string, fallback: string): string => {
  const value = body[name];
  return typeof value === 'string' && value.trim() !== '' ? value.slice(0, 2048) : fallback;
};
const coordinate = (body: JsonObject, name: string, limit: number): string => {
  const raw = optional(body, name, '');
  const n = Number(raw);
  if (raw === '' || !Number.isFinite(n) || Math.abs(n) > limit) throw new UiInputError(`${name} must be a number from -${limit} to ${limit}`);
  return String(n);
};

/** Default place for location pushes: 腾讯滨海大厦, 深圳. */
export const DEFAULT_PLACE = { x: '22.522807', y: '113.935338', label: '广东省深圳市南山区海天二路33号', poiname: '腾讯滨海大厦' };

/** The follower's own messages, one line per kind the page can send. */
const MESSAGES: Readonly<Record<string, (from: string, to: string, body: JsonObject, media: (id: string) => string | undefined) => UiPush>> = {
  text: (from, to, body) => {
    const content = field(body, 'content');
    return { message: buildMessage('text', { FromUserName: from, ToUserName: to, Content: content }), bubble: { type: 'text', text: content } };
  },
  location: (from, to, body) => {
    const x = coordinate(body, 'x', 90);
    const y = coordinate(body, 'y', 180);
    const label = optional(body, 'label', DEFAULT_PLACE.label);
    return {
      message: buildMessage('location', { FromUserName: from, ToUserName: to, Location_X: x, Location_Y: y, Scale: '15', Label: label }),
      bubble: { type: 'location', label, x, y },
    };
  },
  link: (from, to, body) => {
    const url = field(body, 'url');
    if (!/^https?:\/\//i.test(url)) throw new UiInputError('url must start with http:// or https://');
    const title = optional(body, 'title', url);
    const description = optional(body, 'description', '');
    return {
      message: buildMessage('link', { FromUserName: from, ToUserName: to, Title: title, Description: description, Url: url }),
      bubble: { type: 'link', title, description, url },
    };
  },
  image: (from, to, body, media) => {
    const mediaId = field(body, 'mediaId', 200);
    const src = media(mediaId);
    if (!src) throw new UiInputError('mediaId is not an uploaded image');
    return { message: buildMessage('image', { FromUserName: from, ToUserName: to, MediaId: mediaId, PicUrl: src }), bubble: { type: 'image', mediaId, src } };
  },
};

export function userMessage(kind: string, from: string, to: string, body: JsonObject, media: (id: string) => string | undefined): UiPush {
  const build = Object.hasOwn(MESSAGES, kind) ? MESSAGES[kind] : undefined;
  if (!build) throw new UiInputError(`kind must be one of ${Object.keys(MESSAGES).join(', ')}`);
  return build(from, to, body, media);
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** Menu button types and the event each pushes, with its payload from the page's dialog. */
const MENU_EVENTS: Readonly<Record<string, (from: string, to: string, button: MenuButton, body: JsonObject, menuId?: string) => InboundMessage>> = {
  click: (from, to, b) => buildEvent('CLICK', { FromUserName: from, ToUserName: to, EventKey: b.key ?? '' }),
  view: (from, to, b, _body, menuId) => buildEvent('VIEW', { FromUserName: from, ToUserName: to, EventKey: b.url ?? '', ...(menuId ? { MenuId: menuId } : {}) }),
  miniprogram: (from, to, b, _body, menuId) =>
    buildEvent('view_miniprogram', { FromUserName: from, ToUserName: to, EventKey: b.pagepath ?? '', ...(menuId ? { MenuId: menuId } : {}) }),
  scancode_push: (from, to, b, body) => scanEvent('scancode_push', from, to, b, body),
  scancode_waitmsg: (from, to, b, body) => scanEvent('scancode_waitmsg', from, to, b, body),
  pic_sysphoto: (from, to, b, body) => picEvent('pic_sysphoto', from, to, b, body),
  pic_photo_or_album: (from, to, b, body) => picEvent('pic_photo_or_album', from, to, b, body),
  pic_weixin: (from, to, b, body) => picEvent('pic_weixin', from, to, b, body),
  location_select: (from, to, b, body) =>
    buildEvent('location_select', {
      FromUserName: from,
      ToUserName: to,
      EventKey: b.key ?? '',
      SendLocationInfo: {
        Location_X: coordinate({ x: optional(body, 'x', DEFAULT_PLACE.x) }, 'x', 90),
        Location_Y: coordinate({ y: optional(body, 'y', DEFAULT_PLACE.y) }, 'y', 180),
        Scale: '15',
        Label: optional(body, 'label', DEFAULT_PLACE.label),
        Poiname: optional(body, 'poiname', DEFAULT_PLACE.poiname),
      },
    }),
};

function scanEvent(event: 'scancode_push' | 'scancode_waitmsg', from: string, to: string, b: MenuButton, body: JsonObject): InboundMessage {
  const scanType = optional(body, 'scanType', 'qrcode');
  if (scanType !== 'qrcode' && scanType !== 'barcode') throw new UiInputError('scanType must be qrcode or barcode');
  const result = optional(body, 'scanResult', 'https://example.com/scanned');
  return buildEvent(event, { FromUserName: from, ToUserName: to, EventKey: b.key ?? '', ScanCodeInfo: { ScanType: scanType, ScanResult: result } });
}

function picEvent(event: 'pic_sysphoto' | 'pic_photo_or_album' | 'pic_weixin', from: string, to: string, b: MenuButton, body: JsonObject): InboundMessage {
  const count = Number(optional(body, 'count', '1'));
  if (!Number.isInteger(count) || count < 1 || count > 9) throw new UiInputError('count must be a whole number from 1 to 9');
  const list = Array.from({ length: count }, () => ({ PicMd5Sum: md5(randomBytes(16).toString('hex')) }));
  return buildEvent(event, { FromUserName: from, ToUserName: to, EventKey: b.key ?? '', SendPicsInfo: { Count: String(count), PicList: list } });
}

export function menuEvent(button: MenuButton, from: string, to: string, body: JsonObject, menuId?: string): UiPush {
  const type = button.type ?? '';
  const build = Object.hasOwn(MENU_EVENTS, type) ? MENU_EVENTS[type] : undefined;
  if (!build) throw new UiInputError(`menu button type ${type || '(none)'} pushes no event`);
  const message = build(from, to, button, body, menuId);
  return { message, bubble: { type: 'event', text: `点击菜单「${button.name ?? ''}」（${String((message as { Event?: string }).Event)}）` } };
}

/** A parametric code's scene as WeChat puts it in EventKey. */
export function qrScene(ticket: QrTicket): string {
  return ticket.sceneStr ?? String(ticket.sceneId ?? '');
}

/** Scanning a code: a follower gets SCAN; anyone else subscribes with `qrscene_` (subscribe-by-QR). */
export function scanQr(ticket: QrTicket, from: string, to: string, following: boolean): UiPush {
  const scene = qrScene(ticket);
  const message = following
    ? buildEvent('SCAN', { FromUserName: from, ToUserName: to, EventKey: scene, Ticket: ticket.ticket })
    : buildEvent('subscribe', { FromUserName: from, ToUserName: to, EventKey: `qrscene_${scene}`, Ticket: ticket.ticket });
  return { message, bubble: { type: 'event', text: following ? `扫描二维码（场景 ${scene}）` : `扫码关注（场景 ${scene}）` } };
}

export function subscribe(from: string, to: string): UiPush {
  return { message: buildEvent('subscribe', { FromUserName: from, ToUserName: to }), bubble: { type: 'event', text: '关注了公众号' } };
}

export function unsubscribe(from: string, to: string): UiPush {
  return { message: buildEvent('unsubscribe', { FromUserName: from, ToUserName: to }), bubble: { type: 'event', text: '取消关注了公众号' } };
}

/** An OpenID shaped like WeChat's (28 characters starting with `o`). */
export function newOpenid(): string {
  return `o${randomBytes(21).toString('base64url').slice(0, 27)}`;
}
