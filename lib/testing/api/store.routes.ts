import { createHash } from 'node:crypto';
import { fail } from '../emulator-errors.js';
import type { JsonObject } from '../emulator-state.js';
import { OK, requireString, type AuthedContext, type EmulatorRoute } from '../route.js';

/**
 * 门店小程序, stateful: one store mini program per account (applied, then approved at the next audit query), the
 * stores added (approved at once, status 1) and the map POIs created. A fixed small district and category list.
 * The pages name no specific errcodes: refusals are 40097 (unknown poi_id, missing fields).
 */
const DOC = 'https://developers.weixin.qq.com/doc/service/api/stores/miniapp';
const CATEGORIES = [
  { id: 1, name: '美食', level: 1, father: 0, children: [101, 102] },
  { id: 101, name: '中餐厅', level: 2, father: 1, children: [] },
  { id: 102, name: '咖啡厅', level: 2, father: 1, children: [] },
];
const DISTRICTS = [
  [{ id: '110000', name: '北京', fullname: '北京市', pinyin: ['bei', 'jing'], location: { lat: 39.9, lng: 116.4 }, cidx: [0, 0] }],
  [{ id: '110100', fullname: '北京市', location: { lat: 39.9, lng: 116.4 }, cidx: [0, 0] }],
  [{ id: '110101', fullname: '东城区', location: { lat: 39.93, lng: 116.42 } }],
];
const KNOWN_DISTRICTS = new Set(['110000', '110100', '110101']);

const uid = (seed: string) => createHash('sha256').update(seed).digest('hex').slice(0, 20);

function strings(body: JsonObject, fields: readonly string[]): void {
  for (const field of fields) requireString(body, field);
}

function store(ctx: AuthedContext, poiId: unknown): JsonObject {
  const found = typeof poiId === 'string' ? ctx.account.stores.list.get(poiId) : undefined;
  if (!found) fail(40097);
  return found;
}

const STORE_FIELDS = ['map_poi_id', 'pic_list', 'contract_phone', 'hour'] as const;

export const STORE_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'GET', path: '/wxa/get_merchant_category', doc: `${DOC}/api_getwxastorecatelist`, needsToken: true, body: 'none',
    handler: () => ({ ...OK, data: { all_category_info: { categories: CATEGORIES } } }),
  },
  {
    method: 'POST', path: '/wxa/apply_merchant', doc: `${DOC}/api_applywxastore`, needsToken: true, body: 'json',
    handler(ctx) {
      const body = ctx.json();
      strings(body, ['headimg_mediaid', 'nickname', 'intro']);
      const first = CATEGORIES.find((c) => c.id === body.first_catid && c.level === 1);
      if (!first || !first.children.includes(body.second_catid as number)) fail(40097);
      const stores = ctx.account.stores;
      // "如果主管理员24小时超时未确认，才能再次提交": one application in review at a time
      if (stores.merchant?.status === 0) fail(40097);
      stores.merchant = { audit_id: ctx.account.nextId(), status: 0, reason: '', nickname: body.nickname, intro: body.intro };
      return OK;
    },
  },
  {
    method: 'GET', path: '/wxa/get_merchant_audit_info', doc: `${DOC}/api_getwxastoreauditinfo`, needsToken: true, body: 'none',
    handler(ctx) {
      const merchant = ctx.account.stores.merchant;
      if (!merchant) fail(40097);
      const answer = { ...OK, data: { audit_id: merchant.audit_id, status: merchant.status, reason: merchant.reason } };
      merchant.status = 1; // approved by the next query
      return answer;
    },
  },
  {
    method: 'POST', path: '/wxa/modify_merchant', doc: `${DOC}/api_modifywxastore`, needsToken: true, body: 'json',
    handler(ctx) {
      const body = ctx.json();
      strings(body, ['headimg_mediaid', 'intro']);
      const merchant = ctx.account.stores.merchant;
      if (!merchant || merchant.status !== 1) fail(40097);
      merchant.intro = body.intro;
      return OK;
    },
  },
  {
    method: 'GET', path: '/wxa/get_district', doc: `${DOC}/api_getdistrictlist`, needsToken: true, body: 'none',
    handler: () => ({ ...OK, status: 0, message: 'query ok', data_version: '20240101', result: DISTRICTS }),
  },
  {
    method: 'POST', path: '/wxa/search_map_poi', doc: `${DOC}/api_poilistsearch`, needsToken: true, body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const keyword = requireString(body, 'keyword');
      if (!KNOWN_DISTRICTS.has(String(body.districtid))) fail(40097);
      const created = [...ctx.account.stores.mapPois.values()].filter((p) => String(p.branch_name).includes(keyword));
      const found = { branch_name: `${keyword}(东城店)`, address: '北京市东城区东长安街1号', longitude: 116.42, latitude: 39.93, telephone: '010-88888888', category: '美食:中餐厅', sosomap_poi_uid: uid(`${body.districtid}|${keyword}`), data_supply: 1 };
      return { ...OK, data: { item: [found, ...created] } };
    },
  },
  {
    method: 'POST', path: '/wxa/create_map_poi', doc: `${DOC}/api_createnewpoid`, needsToken: true, body: 'json',
    handler(ctx) {
      const body = ctx.json();
      strings(body, ['name', 'longitude', 'latitude', 'province', 'city', 'district', 'address', 'category', 'telephone', 'photo', 'license', 'introduct', 'districtid']);
      if (!KNOWN_DISTRICTS.has(String(body.districtid))) fail(40097);
      const id = ctx.account.nextId();
      ctx.account.stores.mapPois.set(uid(`poi|${id}`), {
        branch_name: body.name, address: body.address, longitude: Number(body.longitude), latitude: Number(body.latitude), telephone: body.telephone,
        category: body.category, sosomap_poi_uid: uid(`poi|${id}`), data_supply: 0,
      });
      return { ...OK, data: { base_id: id, rich_id: id } };
    },
  },
  {
    method: 'POST', path: '/wxa/add_store', doc: `${DOC}/api_addentityshop`, needsToken: true, body: 'json',
    handler(ctx) {
      const body = ctx.json();
      strings(body, [...STORE_FIELDS, 'credential']);
      const poiId = typeof body.poi_id === 'string' && body.poi_id ? body.poi_id : String(470_000_000 + ctx.account.nextId());
      const auditId = String(ctx.account.nextId());
      ctx.account.stores.list.set(poiId, { ...body, poi_id: poiId, status: 1 });
      return { ...OK, data: { audit_id: auditId } };
    },
  },
  {
    method: 'POST', path: '/wxa/update_store', doc: `${DOC}/api_newupdatepoi`, needsToken: true, body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const found = store(ctx, body.poi_id);
      strings(body, STORE_FIELDS);
      Object.assign(found, body);
      return { ...OK, data: { has_audit_id: 1, audit_id: String(ctx.account.nextId()) } };
    },
  },
  {
    method: 'POST', path: '/wxa/get_store_info', doc: `${DOC}/api_newgetpoi`, needsToken: true, body: 'json',
    handler: (ctx) => ({ ...OK, business: { base_info: store(ctx, ctx.json().poi_id) } }),
  },
  {
    method: 'POST', path: '/wxa/get_store_list', doc: `${DOC}/api_newgetpoilist`, needsToken: true, body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const offset = body.offset;
      const limit = body.limit;
      if (typeof offset !== 'number' || offset < 0 || typeof limit !== 'number' || limit < 1 || limit > 50) fail(40097);
      const all = [...ctx.account.stores.list.values()];
      return { ...OK, business_list: all.slice(offset, offset + limit).map((base_info) => ({ base_info })), total_count: all.length };
    },
  },
  {
    method: 'POST', path: '/wxa/del_store', doc: `${DOC}/api_newdelpoi`, needsToken: true, body: 'json',
    handler(ctx) {
      const poiId = ctx.json().poi_id;
      store(ctx, poiId);
      ctx.account.stores.list.delete(poiId as string);
      return OK;
    },
  },
];
