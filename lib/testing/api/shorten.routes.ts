import { randomInt } from 'node:crypto';
import { fail } from '../emulator-errors.js';
import { OK, byteLength, isObject, requireString, type AuthedContext, type EmulatorRoute } from '../route.js';
import type { QrJumpRule } from '../emulator-state.js';
import { quotaMonth } from '../emulator-clock.js';

const GEN_DOC = 'https://developers.weixin.qq.com/doc/service/api/qrcode/shorten/api_genshortkey';
const FETCH_DOC = 'https://developers.weixin.qq.com/doc/service/api/qrcode/shorten/api_fetchshorten';
const JUMP_DOC = 'https://developers.weixin.qq.com/doc/service/api/qrcode/qrcodejump/api_qrcodejumpadd';

/** "需要转换的长信息，不超过4KB"; "过期秒数，最大值为2592000（即30天），默认为2592000". */
const MAX_LONG_DATA = 4096;
const MAX_EXPIRE = 2_592_000;
/** "短key，15字节，base62编码". */
const BASE62 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** qrcodejumpget: "prefix_list … 最多传 200 个前缀"; "page_size … 最大为 200". */
const MAX_PREFIXES = 200;
const MAX_PAGE = 200;
/** What qrcodejumpget reports as `qrcodejump_pub_quota` at the start of a month (a captured answer shows 100). */
const PUBLISHES_PER_MONTH = 100;
/** 85073 "二维码规则已满": the emulator's bound (the docs give none for 服务号 rules). */
const MAX_RULES = 10_000;
/** A 服务号 rule's prefix is the url of one of its parametric QR codes ("服务号的带参的二维码url"). */
const QR_URL = /^https?:\/\/weixin\.qq\.com\/q\/[\w-]+$/;

function newShortKey(): string {
  return Array.from({ length: 15 }, () => BASE62[randomInt(62)]).join('');
}

function rule(ctx: AuthedContext, prefix: string): QrJumpRule {
  const found = ctx.account.qrJumpRules.get(prefix);
  if (!found) fail(85066);
  return found;
}

export const SHORTEN_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/shorten/gen',
    doc: GEN_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      if (typeof body.long_data !== 'string' || body.long_data === '') fail(47003);
      if (byteLength(body.long_data) > MAX_LONG_DATA) fail(9410010);
      const expire = body.expire_seconds ?? MAX_EXPIRE;
      if (typeof expire !== 'number' || !Number.isInteger(expire) || expire < 1) fail(47003);
      if (expire > MAX_EXPIRE) fail(9410011);
      const key = newShortKey();
      ctx.account.shortKeys.set(key, { longData: body.long_data, createdAt: ctx.core.clock.now(), expireSeconds: expire });
      return { ...OK, short_key: key };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/shorten/fetch',
    doc: FETCH_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const key = requireString(ctx.json(), 'short_key', 47003);
      const record = ctx.account.shortKeys.get(key);
      const now = ctx.core.clock.now();
      const left = record ? record.expireSeconds - Math.floor((now - record.createdAt) / 1000) : 0;
      // "short_key不存在/过期/不属于本账号": keys live per account
      if (!record || left <= 0) fail(9410012);
      return { ...OK, long_data: record.longData, create_time: Math.floor(record.createdAt / 1000), expire_seconds: left };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/wxopen/qrcodejumpget',
    doc: 'https://developers.weixin.qq.com/doc/service/api/qrcode/qrcodejump/api_qrcodejumpget',
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const appid = requireString(body, 'appid');
      const getType = body.get_type ?? 0;
      let rules = [...ctx.account.qrJumpRules.values()].filter((r) => r.appid === appid);
      const total = rules.length;
      if (getType === 1) {
        const prefixes = body.prefix_list;
        if (!Array.isArray(prefixes) || prefixes.length === 0 || prefixes.length > MAX_PREFIXES) fail(40097);
        rules = rules.filter((r) => prefixes.includes(r.prefix));
      } else if (getType === 2) {
        const { page_num: num, page_size: size } = body;
        if (typeof num !== 'number' || !Number.isInteger(num) || num < 1) fail(40097);
        if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > MAX_PAGE) fail(40097);
        rules = rules.slice((num - 1) * size, num * size);
      } else if (getType !== 0) {
        fail(40097);
      } else {
        rules = rules.slice(-10_000);
      }
      const month = quotaMonth(ctx.core.clock.now());
      const used = ctx.account.qrJumpPublishes.month === month ? ctx.account.qrJumpPublishes.count : 0;
      return {
        ...OK,
        rule_list: rules.map((r) => ({ prefix: r.prefix, path: r.path, state: r.state })),
        qrcodejump_open: 1,
        list_size: rules.length,
        qrcodejump_pub_quota: Math.max(0, PUBLISHES_PER_MONTH - used),
        total_count: total,
      };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/wxopen/qrcodejumpadd',
    doc: JUMP_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const prefix = requireString(body, 'prefix');
      if (!QR_URL.test(prefix)) fail(85066);
      const appid = requireString(body, 'appid');
      const path = requireString(body, 'path');
      const rules = ctx.account.qrJumpRules;
      const existing = rules.get(prefix);
      if (body.is_edit === 0) {
        if (existing) fail(existing.appid === appid ? 85071 : 85072);
        if (rules.size >= MAX_RULES) fail(85073);
        rules.set(prefix, { prefix, appid, path, state: 1 });
        return OK;
      }
      if (body.is_edit !== 1) fail(40097);
      if (!existing) fail(85066);
      // "已经发布的规则，不支持修改"
      if (existing.state === 2) fail(40097);
      Object.assign(existing, { appid, path });
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/wxopen/qrcodejumppublish',
    doc: 'https://developers.weixin.qq.com/doc/service/api/qrcode/qrcodejump/api_qrcodejumppublish',
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const found = rule(ctx, requireString(ctx.json(), 'prefix'));
      const month = quotaMonth(ctx.core.clock.now());
      const publishes = ctx.account.qrJumpPublishes;
      if (publishes.month !== month) Object.assign(publishes, { month, count: 0 });
      if (publishes.count >= PUBLISHES_PER_MONTH) fail(45009);
      publishes.count += 1;
      found.state = 2;
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/wxopen/qrcodejumpdelete',
    doc: 'https://developers.weixin.qq.com/doc/service/api/qrcode/qrcodejump/api_qrcodejumpdelete',
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const found = rule(ctx, requireString(body, 'prefix'));
      if (isObject(body) && body.appid !== undefined && body.appid !== found.appid) fail(85066);
      ctx.account.qrJumpRules.delete(found.prefix);
      return OK;
    },
  },
];
