import { createHash } from 'node:crypto';
import { fail } from '../emulator-errors.js';
import type { JsonObject } from '../emulator-state.js';
import type { AuthedContext, EmulatorRoute } from '../route.js';

/**
 * 数据统计: every `{ begin_date, end_date }` API answers deterministic figures derived from a hash of the API path,
 * the account and the day, so a test can call twice and get the same rows. Range checks as WeChat does them:
 * a malformed date is 61500, an end before the begin, beyond yesterday (China time) or over the API's span is 61501.
 */
const ANALYTICS = 'https://developers.weixin.qq.com/doc/offiaccount/Analytics';
const NEWS = 'https://developers.weixin.qq.com/doc/service/api/wedata/news';
const DAY_MS = 86_400_000;
const CST_MS = 8 * 3_600_000;

type RowMaker = (date: string, n: (salt: string, max: number) => number) => JsonObject[];

const counts = (n: (salt: string, max: number) => number) => ({
  int_page_read_user: n('iru', 500), int_page_read_count: n('irc', 900), ori_page_read_user: n('oru', 50),
  ori_page_read_count: n('orc', 80), share_user: n('su', 40), share_count: n('sc', 60), add_to_fav_user: n('fu', 20),
  add_to_fav_count: n('fc', 25),
});
const hours = (make: (hour: number) => JsonObject) => [0, 900, 2100].map(make);
const figures = (n: (salt: string, max: number) => number) => ({
  read_user: n('ru', 800), read_user_source: [{ user_source: 0, read_user: n('ru', 800) }], share_user: n('su', 90),
  zaikan_user: n('zu', 30), like_user: n('lu', 60), comment_count: n('cc', 20), collection_user: n('co', 15),
});

/** path → [documented span in days, rows for one day]. */
const TABLE: Record<string, [number, string, RowMaker]> = {
  '/datacube/getusersummary': [7, `${ANALYTICS}/User_Analysis_Data_Interface.html`, (d, n) => [0, 30].map((s) => ({ ref_date: d, user_source: s, new_user: n(`n${s}`, 50), cancel_user: n(`c${s}`, 10) }))],
  '/datacube/getusercumulate': [7, `${ANALYTICS}/User_Analysis_Data_Interface.html`, (d, n) => [{ ref_date: d, cumulate_user: 10_000 + n('cu', 5000) }]],
  '/datacube/getarticlesummary': [1, `${NEWS}/api_getarticlesummary`, (d, n) => [{ ref_date: d, msgid: `${10_000 + n('m', 999)}_1`, title: `文章 ${d}`, ...counts(n) }]],
  '/datacube/getarticletotal': [1, `${NEWS}/api_getarticletotal`, (d, n) => [{ ref_date: d, msgid: `${10_000 + n('m', 999)}_1`, title: `文章 ${d}`, details: [{ stat_date: d, target_user: n('t', 9000), ...counts(n) }] }]],
  '/datacube/getuserread': [3, `${NEWS}/api_getuserread`, (d, n) => [{ ref_date: d, user_source: 0, ...counts(n) }]],
  '/datacube/getuserreadhour': [1, `${NEWS}/api_getuserreadhour`, (d, n) => hours((h) => ({ ref_date: d, ref_hour: h, user_source: 0, ...counts((s, m) => n(`${s}${h}`, m)) }))],
  '/datacube/getusershare': [7, `${NEWS}/api_getusershare`, (d, n) => [1, 2].map((s) => ({ ref_date: d, share_scene: s, share_count: n(`c${s}`, 60), share_user: n(`u${s}`, 40) }))],
  '/datacube/getusersharehour': [1, `${NEWS}/api_getusersharehour`, (d, n) => hours((h) => ({ ref_date: d, ref_hour: h, share_scene: 1, share_count: n(`c${h}`, 20), share_user: n(`u${h}`, 10) }))],
  '/datacube/getarticleread': [1, `${NEWS}/api_getarticleread`, (d, n) => [{ ref_date: d, msgid: `${2_247_490_000 + n('m', 99)}_1`, detail: { read_user: n('ru', 800), read_user_source: [{ user_source: 0, read_user: n('ru', 800) }] } }]],
  '/datacube/getarticleshare': [1, `${NEWS}/api_getarticleshare`, (d, n) => [{ ref_date: d, msgid: `${2_247_490_000 + n('m', 99)}_1`, detail: { share_user: n('su', 90) } }]],
  '/datacube/getupstreammsg': [7, `${ANALYTICS}/Message_analysis_data_interface.html`, (d, n) => [{ ref_date: d, msg_type: 1, msg_user: n('u', 100), msg_count: n('c', 300) }]],
  '/datacube/getupstreammsghour': [1, `${ANALYTICS}/Message_analysis_data_interface.html`, (d, n) => hours((h) => ({ ref_date: d, ref_hour: h, msg_type: 1, msg_user: n(`u${h}`, 20), msg_count: n(`c${h}`, 40) }))],
  '/datacube/getupstreammsgweek': [30, `${ANALYTICS}/Message_analysis_data_interface.html`, (d, n) => [{ ref_date: d, msg_type: 1, msg_user: n('u', 700), msg_count: n('c', 2000) }]],
  '/datacube/getupstreammsgmonth': [30, `${ANALYTICS}/Message_analysis_data_interface.html`, (d, n) => [{ ref_date: d, msg_type: 1, msg_user: n('u', 3000), msg_count: n('c', 9000) }]],
  '/datacube/getupstreammsgdist': [15, `${ANALYTICS}/Message_analysis_data_interface.html`, (d, n) => [{ ref_date: d, count_interval: 1, msg_user: n('u', 100) }]],
  '/datacube/getupstreammsgdistweek': [30, `${ANALYTICS}/Message_analysis_data_interface.html`, (d, n) => [{ ref_date: d, count_interval: 1, msg_user: n('u', 700) }]],
  '/datacube/getupstreammsgdistmonth': [30, `${ANALYTICS}/Message_analysis_data_interface.html`, (d, n) => [{ ref_date: d, count_interval: 1, msg_user: n('u', 3000) }]],
  '/datacube/getinterfacesummary': [30, `${ANALYTICS}/Analytics_API.html`, (d, n) => [{ ref_date: d, callback_count: n('cb', 500), fail_count: n('f', 5), total_time_cost: n('t', 90_000), max_time_cost: n('m', 900) }]],
  '/datacube/getinterfacesummaryhour': [1, `${ANALYTICS}/Analytics_API.html`, (d, n) => hours((h) => ({ ref_date: d, ref_hour: h, callback_count: n(`cb${h}`, 50), fail_count: n(`f${h}`, 2), total_time_cost: n(`t${h}`, 9000), max_time_cost: n(`m${h}`, 900) }))],
  '/datacube/getbizsummary': [30, `${NEWS}/api_getbizsummary`, (d, n) => [{ ref_date: d, detail: figures(n) }]],
  '/datacube/getarticletotaldetail': [30, `${NEWS}/api_getarticletotaldetail`, (d, n) => [{ ref_date: d, msgid: `${2_247_490_000 + n('m', 99)}_1`, publish_type: 0, detail_list: [{ stat_date: d, ...figures(n) }] }]],
};

/** The published-content APIs answer `is_delay` too. */
const WITH_DELAY = new Set(['/datacube/getarticleread', '/datacube/getarticleshare', '/datacube/getbizsummary', '/datacube/getarticletotaldetail']);

function dayOf(value: unknown): number {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) fail(61500);
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== value) fail(61500);
  return ms / DAY_MS;
}

/** A number in [0, max] fixed by path, account, day and salt. */
function figure(seed: string, salt: string, max: number): number {
  return createHash('sha256').update(`${seed}|${salt}`).digest().readUInt32BE(0) % (max + 1);
}

function handler(path: string, maxDays: number, rows: RowMaker) {
  return (ctx: AuthedContext): JsonObject => {
    const body = ctx.json();
    const begin = dayOf(body.begin_date);
    const end = dayOf(body.end_date);
    const today = Math.floor((ctx.core.clock.now() + CST_MS) / DAY_MS);
    if (end < begin || end >= today || end - begin + 1 > maxDays) fail(61501);
    const list: JsonObject[] = [];
    for (let day = begin; day <= end; day++) {
      const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
      list.push(...rows(date, (salt, max) => figure(`${path}|${ctx.account.appId}|${date}`, salt, max)));
    }
    return WITH_DELAY.has(path) ? { list, is_delay: false } : { list };
  };
}

const PUBLISHER_ACTIONS = new Set(['publisher_adpos_general', 'publisher_cps_general', 'publisher_settlement']);

export const DATACUBE_ROUTES: readonly EmulatorRoute[] = [
  ...Object.entries(TABLE).map(([path, [maxDays, doc, rows]]): EmulatorRoute => ({
    method: 'POST', path, doc, needsToken: true, body: 'json', handler: handler(path, maxDays, rows),
  })),
  {
    method: 'GET',
    path: '/publisher/stat',
    doc: `${ANALYTICS}/Ad_Analysis.html`,
    needsToken: true,
    body: 'none',
    handler(ctx) {
      const q = ctx.query;
      const action = q.get('action') ?? '';
      // publisher/stat answers in its own envelope: base_resp.ret, not errcode
      if (!PUBLISHER_ACTIONS.has(action)) return { base_resp: { err_msg: 'invalid action', ret: 2009 } };
      const begin = dayOf(q.get('start_date'));
      const end = dayOf(q.get('end_date'));
      if (end < begin) fail(61501);
      const seed = `${action}|${ctx.account.appId}|${q.get('start_date')}|${q.get('end_date')}`;
      const list = [{ date: q.get('start_date'), ad_slot: q.get('ad_slot') ?? 'SLOT_ID_BIZ_BOTTOM', req_succ_count: figure(seed, 'r', 9000), exposure_count: figure(seed, 'e', 8000), click_count: figure(seed, 'c', 300), income: figure(seed, 'i', 99_999) }];
      if (action === 'publisher_settlement') {
        return { base_resp: { err_msg: 'ok', ret: 0 }, revenue_all: figure(seed, 'ra', 9_999_999), penalty_all: 0, settled_revenue_all: figure(seed, 'sa', 999_999), settlement_list: [], total_num: 0 };
      }
      return { base_resp: { err_msg: 'ok', ret: 0 }, list, summary: { exposure_count: list[0]!.exposure_count, income: list[0]!.income }, total_num: list.length };
    },
  },
];
