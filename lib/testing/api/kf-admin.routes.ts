import { fail } from '../emulator-errors.js';
import type { KfAccountRecord } from '../emulator-state.js';
import { OK, type AuthedContext, type EmulatorRoute } from '../route.js';
import { buildEvent } from '../../message/message-builders.js';

const DOC = 'https://developers.weixin.qq.com/doc/service/api/customer';

/**
 * "完整客服账号，格式为：账号前缀@公众号微信号，账号前缀最多10个字符，必须是英文、数字字符或者下划线，后缀为公众号微信号，
 * 长度不超过30个字符"; "客服昵称，最长16个字"; "每个公众号最多添加100个客服账号".
 */
const KF_ACCOUNT = /^[A-Za-z0-9_]{1,10}@[A-Za-z0-9_-]{1,30}$/;
const MAX_NICKNAME = 16;
const MAX_ACCOUNTS = 100;
/** uploadheadimg: "文件大小为5M 以内", JPEG ("头像图片文件必须是jpg格式"). */
const MAX_HEADIMG = 5 * 1024 * 1024;
/** A binding invitation lasts a week (the emulator's choice; the docs only report `invite_expire_time`). */
const INVITE_SECONDS = 7 * 86_400;
/** getmsglist: "查询时间段不能超过24小时", "每次最多获取10000条记录". */
const MAX_RECORD_SPAN = 86_400;
const MAX_RECORDS = 10_000;
/** getwaitcase: at most 100 customers per answer. */
const MAX_WAITING = 100;

function kf(ctx: AuthedContext, value: unknown): KfAccountRecord {
  const found = typeof value === 'string' ? ctx.account.kfAccounts.get(value) : undefined;
  if (!found) fail(65401);
  return found;
}

function nickname(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || [...value].length > MAX_NICKNAME) fail(65403);
  return value;
}

function customer(ctx: AuthedContext, openid: unknown): string {
  if (typeof openid !== 'string' || !ctx.account.followers.has(openid)) fail(40003);
  return openid;
}

function uint(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function sessionEvent(event: 'kf_create_session' | 'kf_close_session', openid: string, kfAccount: string, now: number) {
  return buildEvent(event, { FromUserName: openid, CreateTime: String(now), KfAccount: kfAccount });
}

export const KF_ADMIN_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'POST',
    path: '/customservice/kfaccount/add',
    doc: `${DOC}/servicermanage/api_addkfaccount`,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const account = body.kf_account;
      if (typeof account !== 'string' || !KF_ACCOUNT.test(account)) fail(65404);
      const nick = nickname(body.nickname);
      const accounts = ctx.account.kfAccounts;
      if (accounts.has(account)) fail(65406);
      if (accounts.size >= MAX_ACCOUNTS) fail(65405);
      accounts.set(account, { kfAccount: account, kfId: String(1000 + ctx.account.nextId()), nickname: nick, headImgUrl: '', onlineStatus: 0 });
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/customservice/kfaccount/update',
    doc: `${DOC}/servicermanage/api_updatekfaccount`,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const record = kf(ctx, body.kf_account);
      record.nickname = nickname(body.nickname);
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/customservice/kfaccount/del',
    doc: `${DOC}/servicermanage/api_delkfaccount`,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const record = kf(ctx, ctx.json().kf_account);
      ctx.account.kfAccounts.delete(record.kfAccount);
      for (const [openid, session] of ctx.account.kfSessions) if (session.kfAccount === record.kfAccount) ctx.account.kfSessions.delete(openid);
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/customservice/kfaccount/uploadheadimg',
    doc: `${DOC}/servicermanage/api_uploadkfheadimg`,
    needsToken: true,
    body: 'multipart',
    async handler(ctx) {
      const record = kf(ctx, ctx.query.get('kf_account'));
      const form = await ctx.multipart(MAX_HEADIMG + 1);
      const file = form.files.find((f) => f.field === 'media');
      if (!file || file.bytes.length === 0) fail(41005);
      if (file.truncated || file.bytes.length > MAX_HEADIMG) fail(40009);
      if (!(file.bytes[0] === 0xff && file.bytes[1] === 0xd8 && file.bytes[2] === 0xff)) fail(40005);
      record.headImgUrl = `http://mmbiz.qpic.cn/mmbiz/emulator_kf_${record.kfId}_${ctx.account.nextId()}/0`;
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/customservice/kfaccount/inviteworker',
    doc: `${DOC}/servicermanage/api_invitekfworker`,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const record = kf(ctx, body.kf_account);
      const wx = body.invite_wx;
      // a WeChat ID: 6–20 letters, digits, _ or -, starting with a letter
      if (typeof wx !== 'string' || !/^[A-Za-z][\w-]{5,19}$/.test(wx)) fail(65409);
      if (record.kfWx) fail(record.kfWx === wx ? 65407 : 65412);
      const now = ctx.core.clock.nowSeconds();
      if (record.invite?.status === 'waiting' && record.invite.expireTime > now) fail(record.invite.wx === wx ? 65408 : 65411);
      record.invite = { wx, expireTime: now + INVITE_SECONDS, status: 'waiting' };
      return OK;
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/customservice/getkflist',
    doc: `${DOC}/servicermanage/api_getkflist`,
    needsToken: true,
    body: 'none',
    handler(ctx) {
      const now = ctx.core.clock.nowSeconds();
      return {
        kf_list: [...ctx.account.kfAccounts.values()].map((r) => ({
          kf_account: r.kfAccount,
          kf_nick: r.nickname,
          kf_id: r.kfId,
          kf_headimgurl: r.headImgUrl,
          ...(r.kfWx ? { kf_wx: r.kfWx } : {}),
          ...(r.invite
            ? { invite_wx: r.invite.wx, invite_expire_time: r.invite.expireTime, invite_status: r.invite.expireTime > now ? r.invite.status : 'expired' }
            : {}),
        })),
      };
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/customservice/getonlinekflist',
    doc: 'https://developers.weixin.qq.com/doc/service/Customer_Service/Customer_Service_Management.html',
    needsToken: true,
    body: 'none',
    handler(ctx) {
      const sessions = [...ctx.account.kfSessions.values()];
      return {
        kf_online_list: [...ctx.account.kfAccounts.values()]
          .filter((r) => r.onlineStatus > 0)
          .map((r) => ({
            kf_account: r.kfAccount,
            status: r.onlineStatus,
            kf_id: r.kfId,
            accepted_case: sessions.filter((s) => s.kfAccount === r.kfAccount).length,
          })),
      };
    },
  },
  {
    method: 'POST',
    path: '/customservice/kfsession/create',
    doc: `${DOC}/messctrl/api_createkfsession`,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const record = kf(ctx, body.kf_account);
      const openid = customer(ctx, body.openid);
      if (!record.kfWx) fail(65402);
      if (record.onlineStatus === 0) fail(65415);
      const current = ctx.account.kfSessions.get(openid);
      if (current && current.kfAccount !== record.kfAccount) fail(65414);
      if (current) return OK;
      const now = ctx.core.clock.nowSeconds();
      ctx.account.kfSessions.set(openid, { kfAccount: record.kfAccount, createTime: now });
      ctx.account.kfWaiting.delete(openid);
      ctx.core.later(ctx.account, 0, () => sessionEvent('kf_create_session', openid, record.kfAccount, now));
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/customservice/kfsession/close',
    doc: `${DOC}/messctrl/api_closesession`,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const record = kf(ctx, body.kf_account);
      const openid = customer(ctx, body.openid);
      if (ctx.account.kfSessions.get(openid)?.kfAccount !== record.kfAccount) fail(65413);
      ctx.account.kfSessions.delete(openid);
      const now = ctx.core.clock.nowSeconds();
      ctx.core.later(ctx.account, 0, () => sessionEvent('kf_close_session', openid, record.kfAccount, now));
      return OK;
    },
  },
  {
    method: 'GET',
    path: '/customservice/kfsession/getsession',
    doc: `${DOC}/messctrl/api_getkfsession`,
    needsToken: true,
    body: 'none',
    handler(ctx) {
      const session = ctx.account.kfSessions.get(customer(ctx, ctx.query.get('openid')));
      // "如果不存在，则 kf_account 为空"
      return { createtime: session?.createTime ?? 0, kf_account: session?.kfAccount ?? '' };
    },
  },
  {
    method: 'GET',
    path: '/customservice/kfsession/getsessionlist',
    doc: `${DOC}/messctrl/api_getkfsessionlist`,
    needsToken: true,
    body: 'none',
    handler(ctx) {
      const record = kf(ctx, ctx.query.get('kf_account'));
      return {
        sessionlist: [...ctx.account.kfSessions]
          .filter(([, s]) => s.kfAccount === record.kfAccount)
          .map(([openid, s]) => ({ createtime: s.createTime, openid })),
      };
    },
  },
  {
    method: 'GET',
    path: '/customservice/kfsession/getwaitcase',
    doc: 'https://developers.weixin.qq.com/doc/service/Customer_Service/Session_control.html',
    needsToken: true,
    body: 'none',
    handler(ctx) {
      const waiting = [...ctx.account.kfWaiting].sort((a, b) => a[1] - b[1]);
      return { count: waiting.length, waitcaselist: waiting.slice(0, MAX_WAITING).map(([openid, latest]) => ({ latest_time: latest, openid })) };
    },
  },
  {
    method: 'POST',
    path: '/customservice/msgrecord/getmsglist',
    doc: `${DOC}/message/api_getmsglist`,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const { starttime: start, endtime: end, msgid, number } = body;
      if (!uint(start) || !uint(end) || end <= start) fail(65416);
      if (end - start > MAX_RECORD_SPAN) fail(65417);
      if (!uint(msgid) || msgid < 1 || !uint(number) || number < 1 || number > MAX_RECORDS) fail(65416);
      // "msgid 消息id顺序从小到大，从1开始": ids number the records of the period
      const inRange = ctx.account.kfRecords.filter((r) => r.time >= start && r.time < end);
      const page = inRange.slice(msgid - 1, msgid - 1 + number);
      return {
        recordlist: page.map((r) => ({ openid: r.openid, opercode: r.opercode, text: r.text, time: r.time, worker: r.worker })),
        number: page.length,
        msgid: msgid + page.length,
      };
    },
  },
];
