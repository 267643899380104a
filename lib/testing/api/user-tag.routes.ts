import { fail } from '../emulator-errors.js';
import type { Follower, JsonObject, Tag } from '../emulator-state.js';
import { OK, isObject, requireString, type AuthedContext, type EmulatorRoute } from '../route.js';

const LIST_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/User_Management/Getting_a_User_List.html';
const INFO_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/User_Management/Get_users_basic_information_UnionID.html';
const REMARK_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/User_Management/Configuring_user_notes.html';
const TAG_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html';

/** user/get: "一次拉取调用最多拉取10000个关注者的OpenID". */
const PAGE_SIZE = 10_000;
/** "一个公众号，最多可以创建100个标签"; "标签名（30个字符以内）"; "每个用户最多可以打上20个标签"; batch ≤ 50. */
const MAX_TAGS = 100;
const MAX_TAG_NAME = 30;
const MAX_TAGS_PER_USER = 20;
const MAX_BATCH = 50;
/** batchget: "最多支持一次拉取100条". */
const MAX_BATCHGET = 100;
const SYSTEM_TAGS = new Set([0, 1, 2]);

function follower(ctx: AuthedContext, openid: unknown): Follower {
  const found = typeof openid === 'string' ? ctx.account.followers.get(openid) : undefined;
  if (!found) fail(40003);
  return found;
}

function userInfo(f: Follower, lang: string): JsonObject {
  return {
    subscribe: 1,
    openid: f.openid,
    language: lang,
    subscribe_time: f.subscribeTime,
    remark: f.remark,
    groupid: 0,
    tagid_list: [...f.tagIds],
    subscribe_scene: f.subscribeScene,
    qr_scene: f.qrScene,
    qr_scene_str: f.qrSceneStr,
  };
}

/** Pages `openids` after `next`, WeChat style (next_openid = last one returned). */
function page(openids: string[], next: string | null | undefined): JsonObject {
  const start = next ? openids.indexOf(next) + 1 : 0;
  // a cursor that is not in the list (e.g. someone who has since unsubscribed) is refused
  if (next && start === 0) fail(40003);
  const slice = openids.slice(start, start + PAGE_SIZE);
  return { count: slice.length, data: { openid: slice }, next_openid: slice.at(-1) ?? '' };
}

function tagName(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') fail(45157);
  if ([...value].length > MAX_TAG_NAME) fail(45158);
  return value;
}

function existingTag(ctx: AuthedContext, id: unknown): Tag {
  const tag = typeof id === 'number' || typeof id === 'string' ? ctx.account.tags.get(Number(id)) : undefined;
  if (!tag) fail(45159);
  return tag;
}

function tagBody(ctx: AuthedContext): JsonObject {
  const tag = ctx.json().tag;
  if (!isObject(tag)) fail(40097);
  return tag;
}

function batch(ctx: AuthedContext): { tag: Tag; users: Follower[] } {
  const body = ctx.json();
  const list = body.openid_list;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_BATCH) fail(40032);
  const tag = existingTag(ctx, body.tagid);
  return { tag, users: list.map((openid) => follower(ctx, openid)) };
}

export const USER_TAG_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'GET',
    path: '/cgi-bin/user/get',
    doc: LIST_DOC,
    needsToken: true,
    quota: 500,
    body: 'none',
    handler(ctx) {
      const openids = [...ctx.account.followers.keys()];
      return { total: openids.length, ...page(openids, ctx.query.get('next_openid')) };
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/user/info',
    doc: INFO_DOC,
    needsToken: true,
    quota: 5_000_000,
    body: 'none',
    handler: (ctx) => userInfo(follower(ctx, ctx.query.get('openid')), ctx.query.get('lang') ?? 'zh_CN'),
  },
  {
    method: 'POST',
    path: '/cgi-bin/user/info/batchget',
    doc: INFO_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const list = ctx.json().user_list;
      if (!Array.isArray(list) || list.length === 0 || list.length > MAX_BATCHGET) fail(40097);
      return {
        user_info_list: list.map((entry) => {
          if (!isObject(entry) || typeof entry.openid !== 'string') fail(40003);
          const found = ctx.account.followers.get(entry.openid);
          // someone who does not follow the account: "值为0时，代表此用户没有关注该公众号，拉取不到其余信息"
          return found ? userInfo(found, typeof entry.lang === 'string' ? entry.lang : 'zh_CN') : { subscribe: 0, openid: entry.openid };
        }),
      };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/user/info/updateremark',
    doc: REMARK_DOC,
    needsToken: true,
    quota: 10_000,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const user = follower(ctx, body.openid);
      // "新的备注名，长度必须小于30字"
      if (typeof body.remark !== 'string' || [...body.remark].length >= 30) fail(40097);
      user.remark = body.remark;
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/tags/create',
    doc: TAG_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const name = tagName(tagBody(ctx).name);
      const tags = ctx.account.tags;
      if ([...tags.values()].some((t) => t.name === name)) fail(45157);
      if (tags.size - SYSTEM_TAGS.size >= MAX_TAGS) fail(45056);
      const tag = { id: ctx.account.nextTagId(), name };
      tags.set(tag.id, tag);
      return { tag: { ...tag } };
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/tags/get',
    doc: TAG_DOC,
    needsToken: true,
    body: 'none',
    handler(ctx) {
      const followers = [...ctx.account.followers.values()];
      return {
        tags: [...ctx.account.tags.values()].map((t) => ({ id: t.id, name: t.name, count: followers.filter((f) => f.tagIds.includes(t.id)).length })),
      };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/tags/update',
    doc: TAG_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = tagBody(ctx);
      const tag = existingTag(ctx, body.id);
      if (SYSTEM_TAGS.has(tag.id)) fail(45058);
      const name = tagName(body.name);
      if ([...ctx.account.tags.values()].some((t) => t.name === name && t.id !== tag.id)) fail(45157);
      tag.name = name;
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/tags/delete',
    doc: TAG_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const tag = existingTag(ctx, tagBody(ctx).id);
      if (SYSTEM_TAGS.has(tag.id)) fail(45058);
      ctx.account.tags.delete(tag.id);
      for (const f of ctx.account.followers.values()) f.tagIds = f.tagIds.filter((id) => id !== tag.id);
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/user/tag/get',
    doc: TAG_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const tag = existingTag(ctx, body.tagid);
      const openids = [...ctx.account.followers.values()].filter((f) => f.tagIds.includes(tag.id)).map((f) => f.openid);
      return page(openids, typeof body.next_openid === 'string' ? body.next_openid : undefined);
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/tags/members/batchtagging',
    doc: TAG_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const { tag, users } = batch(ctx);
      if (users.some((u) => !u.tagIds.includes(tag.id) && u.tagIds.length >= MAX_TAGS_PER_USER)) fail(45059);
      for (const u of users) if (!u.tagIds.includes(tag.id)) u.tagIds.push(tag.id);
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/tags/members/batchuntagging',
    doc: TAG_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const { tag, users } = batch(ctx);
      for (const u of users) u.tagIds = u.tagIds.filter((id) => id !== tag.id);
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/tags/getidlist',
    doc: TAG_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const user = follower(ctx, requireString(ctx.json(), 'openid', 40003));
      return { tagid_list: [...user.tagIds] };
    },
  },
];
