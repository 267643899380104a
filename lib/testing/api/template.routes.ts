import { randomBytes } from 'node:crypto';
import { fail } from '../emulator-errors.js';
import { OK, isObject, requireString, type EmulatorRoute } from '../route.js';
import { recipient } from './kf-message.routes.js';

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html';

/** A few rows of the documented industry table (行业代码查询); others read as 其他. */
const INDUSTRIES: Readonly<Record<string, [string, string]>> = {
  '1': ['IT科技', '互联网|电子商务'],
  '2': ['IT科技', 'IT软件与服务'],
  '4': ['IT科技', '电子技术'],
  '10': ['交通工具', '餐饮'],
  '41': ['其它', '其它'],
};
/** client_msg_id: "对于同一个openid + client_msg_id, 只发送一条消息，10分钟有效". */
const DEDUPE_MS = 10 * 60 * 1000;

function industry(id: string): { first_class: string; second_class: string } {
  const [first_class, second_class] = INDUSTRIES[id] ?? ['其它', '其它'];
  return { first_class, second_class };
}

export const TEMPLATE_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/template/api_set_industry',
    doc: DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const primary = String(body.industry_id1 ?? '');
      const secondary = String(body.industry_id2 ?? '');
      if (!/^\d+$/.test(primary) || !/^\d+$/.test(secondary)) fail(40097);
      ctx.account.industry = { primary, secondary };
      return OK;
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/template/get_industry',
    doc: DOC,
    needsToken: true,
    body: 'none',
    handler(ctx) {
      const chosen = ctx.account.industry ?? { primary: '1', secondary: '2' };
      return { primary_industry: industry(chosen.primary), secondary_industry: industry(chosen.secondary) };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/template/api_add_template',
    doc: DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const shortId = requireString(body, 'template_id_short', 40037);
      const keywords = body.keyword_name_list;
      if (keywords !== undefined && (!Array.isArray(keywords) || keywords.some((k) => typeof k !== 'string'))) fail(40097);
      const templateId = randomBytes(32).toString('base64url').slice(0, 43);
      const names = (keywords as string[] | undefined) ?? ['keyword1', 'keyword2'];
      const chosen = ctx.account.industry ?? { primary: '1', secondary: '2' };
      ctx.account.templates.set(templateId, {
        template_id: templateId,
        title: `template ${shortId}`,
        primary_industry: industry(chosen.primary).first_class,
        deputy_industry: industry(chosen.primary).second_class,
        content: names.map((n, i) => `${n}:{{thing${i + 1}.DATA}}`).join('\n'),
        example: '',
      });
      return { ...OK, template_id: templateId };
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/template/get_all_private_template',
    doc: DOC,
    needsToken: true,
    body: 'none',
    handler: (ctx) => ({ template_list: [...ctx.account.templates.values()] }),
  },
  {
    method: 'POST',
    path: '/cgi-bin/template/del_private_template',
    doc: DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      if (!ctx.account.templates.delete(requireString(ctx.json(), 'template_id', 40037))) fail(40037);
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/template/send',
    doc: DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const follower = recipient(ctx, body);
      const templateId = body.template_id;
      if (typeof templateId !== 'string' || !ctx.account.templates.has(templateId)) fail(40037);
      if (body.data !== undefined && !isObject(body.data)) fail(47001);
      const now = ctx.core.clock.now();
      const clientMsgId = body.client_msg_id;
      if (typeof clientMsgId === 'string' && clientMsgId) {
        const earlier = ctx.account.sent.find(
          (m) => m.kind === 'template' && m.to === follower.openid && m.body.client_msg_id === clientMsgId && now - m.at < DEDUPE_MS,
        );
        if (earlier) return { ...OK, msgid: earlier.msgId };
      }
      const msgId = 2_000_000_000 + ctx.account.nextId();
      ctx.account.sent.push({ kind: 'template', at: now, to: follower.openid, body: structuredClone(body), msgId });
      return { ...OK, msgid: msgId };
    },
  },
];
