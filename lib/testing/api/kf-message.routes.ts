import { fail, type WechatErrcode } from '../emulator-errors.js';
import type { AccountState, Follower, JsonObject } from '../emulator-state.js';
import { OK, isObject, type AuthedContext, type EmulatorRoute } from '../route.js';

const SEND_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html';

/** "用户发送消息…后的48小时内…可以调用客服接口" */
const REPLY_WINDOW_MS = 48 * 3600 * 1000;
/** Typing: "下发输入状态，需要之前30秒内跟用户有过消息交互" (45080). */
const TYPING_WINDOW_MS = 30 * 1000;

type Check = (part: JsonObject, account: AccountState) => void;

const needMedia =
  (field: string): Check =>
  (part, account) => {
    const id = part[field];
    if (typeof id !== 'string' || !account.media.has(id)) fail(40007);
  };
const needString =
  (field: string, errcode: WechatErrcode = 40097): Check =>
  (part) => {
    if (typeof part[field] !== 'string' || part[field] === '') fail(errcode);
  };
const all =
  (...checks: Check[]): Check =>
  (part, account) => {
    for (const check of checks) check(part, account);
  };

/** One line per customer-service msgtype: what its part must contain. */
const KF_MSGTYPES: Readonly<Record<string, Check>> = {
  text: needString('content', 44004),
  image: needMedia('media_id'),
  voice: needMedia('media_id'),
  video: needMedia('media_id'),
  music: all(needString('musicurl'), needString('thumb_media_id')),
  news: (part) => {
    // since 2018 a customer-service news message carries exactly one article
    if (!Array.isArray(part.articles) || part.articles.length === 0) fail(44003);
    if (part.articles.length > 1) fail(45008);
    if (!isObject(part.articles[0]) || typeof part.articles[0].title !== 'string') fail(44003);
  },
  mpnews: needString('media_id', 40007),
  mpnewsarticle: needString('article_id'),
  msgmenu: (part) => {
    if (!Array.isArray(part.list) || part.list.length === 0) fail(40097);
  },
  wxcard: needString('card_id'),
  miniprogrampage: all(needString('title'), needString('appid'), needString('pagepath'), needString('thumb_media_id')),
};

/** The follower `touser` names; 40003 for an unknown OpenID. */
export function recipient(ctx: AuthedContext, body: JsonObject): Follower {
  const touser = body.touser;
  const follower = typeof touser === 'string' ? ctx.account.followers.get(touser) : undefined;
  if (!follower) fail(40003);
  return follower;
}

export const KF_MESSAGE_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/message/custom/send',
    doc: SEND_DOC,
    needsToken: true,
    quota: 500_000,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const follower = recipient(ctx, body);
      const msgtype = body.msgtype;
      if (typeof msgtype !== 'string' || !Object.hasOwn(KF_MSGTYPES, msgtype)) fail(40008);
      const part = body[msgtype];
      if (!isObject(part)) fail(msgtype === 'text' ? 44004 : 40097);
      KF_MSGTYPES[msgtype](part, ctx.account);
      const now = ctx.core.clock.now();
      if (now - follower.lastInteraction > REPLY_WINDOW_MS) fail(45015);
      ctx.account.sent.push({ kind: 'custom', at: now, to: follower.openid, msgtype, body: structuredClone(body) });
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/custom/typing',
    doc: SEND_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const follower = recipient(ctx, body);
      if (body.command !== 'Typing' && body.command !== 'CancelTyping') fail(45072);
      const now = ctx.core.clock.now();
      if (now - follower.lastInteraction > TYPING_WINDOW_MS) fail(45080);
      ctx.account.sent.push({ kind: 'typing', at: now, to: follower.openid, body: structuredClone(body) });
      return OK;
    },
  },
];
