import { buildEvent } from '../../message/message-builders.js';
import { fail } from '../emulator-errors.js';
import type { JsonObject } from '../emulator-state.js';
import { OK, isObject, requireString, type AuthedContext, type EmulatorRoute } from '../route.js';
import { oneTimeKey, type SubscribeTemplateRecord } from '../subscribe-state.js';
import { newOpaqueId } from './article-rules.js';

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Subscription_Messages/api.html';
const ONE_TIME_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Message_Management/One-time_subscription_info.html';

/** "最多支持5个，最少2个关键词组合"; "服务场景描述，15个字以内"; getpubtemplatetitles "limit … 最大为 30". */
const MIN_KIDS = 2;
const MAX_KIDS = 5;
const MAX_SCENE_DESC = 15;
const MAX_TITLES_PAGE = 30;
/** A 公众号 holds at most 50 private templates (errcode 200012 past that). */
const MAX_TEMPLATES = 50;
/** The one-time subscribe message: "title 消息标题，15字以内", "content 消息正文，200字以内", scene 0–10000. */
const MAX_ONE_TIME_TITLE = 15;
const MAX_ONE_TIME_CONTENT = 200;
/** Value limits by key kind (发送订阅通知): thing 20个以内字符, phrase 5个以内汉字, … */
const VALUE_LIMITS: Readonly<Record<string, number>> = {
  thing: 20, number: 32, letter: 32, symbol: 5, character_string: 32, phone_number: 17, car_number: 8, name: 20, phrase: 5, amount: 11,
};

interface PublicTemplate {
  readonly tid: number;
  readonly title: string;
  readonly type: 2 | 3;
  readonly categoryId: string;
  readonly keywords: readonly { kid: number; name: string; example: string; rule: string }[];
}

/** The emulator's public template library (公共模板库): a few templates in two categories. */
const CATEGORIES = [
  { id: 616, name: '信息查询' },
  { id: 670, name: '物流服务' },
] as const;
const PUBLIC_TEMPLATES: readonly PublicTemplate[] = [
  {
    tid: 1001, title: '文章发布通知', type: 2, categoryId: '616',
    keywords: [
      { kid: 1, name: '文章标题', example: '草稿箱发布指南', rule: 'thing' },
      { kid: 2, name: '发布时间', example: '2024-05-20 10:00', rule: 'time' },
      { kid: 3, name: '作者', example: '张三', rule: 'name' },
    ],
  },
  {
    tid: 1002, title: '物流状态通知', type: 3, categoryId: '670',
    keywords: [
      { kid: 1, name: '快递单号', example: 'SF1234567890', rule: 'character_string' },
      { kid: 2, name: '物流状态', example: '已签收', rule: 'phrase' },
      { kid: 3, name: '备注', example: '请及时取件', rule: 'thing' },
    ],
  },
  ...Array.from({ length: 40 }, (_, i): PublicTemplate => ({
    tid: 2000 + i, title: `查询结果通知 ${i + 1}`, type: 2, categoryId: '616',
    keywords: [
      { kid: 1, name: '查询项目', example: '成绩', rule: 'thing' },
      { kid: 2, name: '查询结果', example: '已出', rule: 'phrase' },
    ],
  })),
];

function publicTemplate(tid: unknown): PublicTemplate {
  const found = PUBLIC_TEMPLATES.find((t) => String(t.tid) === String(tid));
  if (!found) fail(200014);
  return found;
}

function template(ctx: AuthedContext, id: unknown): SubscribeTemplateRecord {
  const found = typeof id === 'string' ? ctx.account.subscribe.templates.get(id) : undefined;
  if (!found) fail(40037);
  return found;
}

/** The data keys a template's content takes: `{{thing1.DATA}}` → `thing1`. */
function keysOf(content: string): Set<string> {
  return new Set([...content.matchAll(/\{\{(\w+)\.DATA\}\}/g)].map((m) => m[1]!));
}

function checkData(data: unknown, keys: Set<string>): void {
  if (!isObject(data)) fail(47003);
  for (const [key, entry] of Object.entries(data)) {
    if (!keys.has(key) || !isObject(entry)) fail(47003);
    const value = entry.value;
    if (typeof value !== 'string' && typeof value !== 'number') fail(47003);
    const limit = VALUE_LIMITS[key.replace(/\d+$/, '')];
    if (limit !== undefined && [...String(value)].length > limit) fail(47003);
  }
}

function record(ctx: AuthedContext, kind: 'subscribe' | 'subscribe-once', to: string, body: JsonObject): number {
  const msgId = 3_000_000 + ctx.account.nextId();
  ctx.account.sent.push({ kind, at: ctx.core.clock.now(), to, body: structuredClone(body), msgId });
  return msgId;
}

export const SUBSCRIBE_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/message/subscribe/bizsend',
    doc: DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const touser = requireString(body, 'touser', 40003);
      const chosen = template(ctx, body.template_id);
      checkData(body.data, keysOf(chosen.content));
      const state = ctx.account.subscribe;
      const left = state.sendsLeft(touser, chosen.priTmplId);
      if (left <= 0) fail(43101);
      state.setGrant(touser, chosen.priTmplId, left - 1);
      const msgId = record(ctx, 'subscribe', touser, body);
      ctx.core.later(ctx.account, 0, () =>
        buildEvent('subscribe_msg_sent_event', {
          FromUserName: touser,
          CreateTime: String(ctx.core.clock.nowSeconds()),
          SubscribeMsgSentEvent: { List: [{ TemplateId: chosen.priTmplId, MsgID: String(msgId), ErrorCode: '0', ErrorStatus: 'success' }] },
        }),
      );
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/wxaapi/newtmpl/addtemplate',
    doc: DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const source = publicTemplate(body.tid);
      const kids = body.kidList;
      if (!Array.isArray(kids) || kids.length < MIN_KIDS || kids.length > MAX_KIDS || new Set(kids).size !== kids.length) fail(200020);
      const keywords = kids.map((kid) => source.keywords.find((k) => k.kid === kid) ?? fail(200020));
      const sceneDesc = body.sceneDesc ?? '';
      if (typeof sceneDesc !== 'string' || [...sceneDesc].length > MAX_SCENE_DESC) fail(200021);
      const templates = ctx.account.subscribe.templates;
      if (templates.size >= MAX_TEMPLATES) fail(200012);
      const priTmplId = newOpaqueId(24);
      templates.set(priTmplId, {
        priTmplId,
        tid: source.tid,
        title: source.title,
        type: source.type,
        kidList: kids as number[],
        sceneDesc,
        content: keywords.map((k) => `${k.name}:{{${k.rule}${k.kid}.DATA}}\n`).join(''),
        example: keywords.map((k) => `${k.name}:${k.example}\n`).join(''),
      });
      return { ...OK, priTmplId };
    },
  },
  {
    method: 'POST',
    path: '/wxaapi/newtmpl/deltemplate',
    doc: DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      ctx.account.subscribe.templates.delete(template(ctx, ctx.json().priTmplId).priTmplId);
      return OK;
    },
  },
  {
    method: 'GET',
    path: '/wxaapi/newtmpl/getcategory',
    doc: DOC,
    needsToken: true,
    body: 'none',
    handler: () => ({ ...OK, data: CATEGORIES.map((c) => ({ ...c })) }),
  },
  {
    method: 'GET',
    path: '/wxaapi/newtmpl/getpubtemplatekeywords',
    doc: DOC,
    needsToken: true,
    body: 'none',
    handler(ctx) {
      const source = publicTemplate(ctx.query.get('tid'));
      return { ...OK, count: source.keywords.length, data: source.keywords.map((k) => ({ ...k })) };
    },
  },
  {
    method: 'GET',
    path: '/wxaapi/newtmpl/getpubtemplatetitles',
    doc: DOC,
    needsToken: true,
    body: 'none',
    handler(ctx) {
      const ids = ctx.query.get('ids');
      const start = Number(ctx.query.get('start'));
      const limit = Number(ctx.query.get('limit'));
      if (!ids || !/^\d+(,\d+)*$/.test(ids)) fail(47003);
      if (!Number.isInteger(start) || start < 0 || !Number.isInteger(limit) || limit < 1 || limit > MAX_TITLES_PAGE) fail(47003);
      const wanted = new Set(ids.split(','));
      const all = PUBLIC_TEMPLATES.filter((t) => wanted.has(t.categoryId));
      return {
        ...OK,
        count: all.length,
        data: all.slice(start, start + limit).map(({ tid, title, type, categoryId }) => ({ tid, title, type, categoryId })),
      };
    },
  },
  {
    method: 'GET',
    path: '/wxaapi/newtmpl/gettemplate',
    doc: DOC,
    needsToken: true,
    body: 'none',
    handler: (ctx) => ({
      ...OK,
      data: [...ctx.account.subscribe.templates.values()].map(({ priTmplId, title, content, example, type }) => ({ priTmplId, title, content, example, type })),
    }),
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/template/subscribe',
    doc: ONE_TIME_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const touser = requireString(body, 'touser', 40003);
      const templateId = requireString(body, 'template_id', 40037);
      const scene = Number(body.scene);
      if (!Number.isInteger(scene) || scene < 0 || scene > 10_000) fail(40097);
      const title = body.title;
      if (typeof title !== 'string' || title === '' || [...title].length > MAX_ONE_TIME_TITLE) fail(40097);
      const content = isObject(body.data) && isObject(body.data.content) ? body.data.content.value : undefined;
      if (typeof content !== 'string' || [...content].length > MAX_ONE_TIME_CONTENT) fail(40097);
      // One message per confirmation on the authorize page, for that template and scene.
      if (!ctx.account.subscribe.oneTime.delete(oneTimeKey(touser, templateId, scene))) fail(43101);
      record(ctx, 'subscribe-once', touser, body);
      return OK;
    },
  },
];
