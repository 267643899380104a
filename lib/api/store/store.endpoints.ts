import { endpoint } from '../endpoint.js';
import {
  AddStoreDto, ApplyMerchantDto, CreateMapPoiDto, ModifyMerchantDto, PoiIdDto, SearchMapPoiDto, StoreListDto, UpdateStoreDto,
} from './store.dto.js';
import type {
  CreatedMapPoi, DistrictList, MapPoiSearch, MerchantAudit, MerchantCategories, StoreAudit, StoreInfo, StoreList, StoreUpdate,
} from './store.types.js';

const DOC = 'https://developers.weixin.qq.com/doc/service/api/stores/miniapp';

/** 门店小程序 (the successor of 微信门店; the old 门店管理插件 stopped adding stores on 2024-07-05). */
export const STORE_ENDPOINTS = {
  storeGetCategories: endpoint<MerchantCategories>()({
    title: '拉取门店小程序类目', method: 'GET', path: '/wxa/get_merchant_category', kind: 'read', response: 'json',
    expect: ['data'], doc: `${DOC}/api_getwxastorecatelist`,
  }),
  /** Needs the administrator's confirmation and starts an audit: not repeated. */
  storeApplyMerchant: endpoint()({
    title: '创建门店小程序', method: 'POST', path: '/wxa/apply_merchant', kind: 'send', request: ApplyMerchantDto,
    response: 'json', doc: `${DOC}/api_applywxastore`,
  }),
  storeGetMerchantAudit: endpoint<MerchantAudit>()({
    title: '查询门店小程序审核结果', method: 'GET', path: '/wxa/get_merchant_audit_info', kind: 'read', response: 'json',
    expect: ['data'], doc: `${DOC}/api_getwxastoreauditinfo`,
  }),
  storeModifyMerchant: endpoint()({
    title: '修改门店小程序信息', method: 'POST', path: '/wxa/modify_merchant', kind: 'send', request: ModifyMerchantDto,
    response: 'json', doc: `${DOC}/api_modifywxastore`,
  }),
  storeGetDistrict: endpoint<DistrictList>()({
    title: '从腾讯地图拉取省市区信息', method: 'GET', path: '/wxa/get_district', kind: 'read', response: 'json',
    expect: ['result'], doc: `${DOC}/api_getdistrictlist`,
  }),
  storeSearchMapPoi: endpoint<MapPoiSearch>()({
    title: '在腾讯地图中搜索门店', method: 'POST', path: '/wxa/search_map_poi', kind: 'read', request: SearchMapPoiDto,
    response: 'json', expect: ['data'], doc: `${DOC}/api_poilistsearch`,
  }),
  storeCreateMapPoi: endpoint<CreatedMapPoi>()({
    title: '在腾讯地图中创建门店', method: 'POST', path: '/wxa/create_map_poi', kind: 'send', request: CreateMapPoiDto,
    response: 'json', expect: ['data'], doc: `${DOC}/api_createnewpoid`,
  }),
  storeAdd: endpoint<StoreAudit>()({
    title: '添加门店', method: 'POST', path: '/wxa/add_store', kind: 'send', request: AddStoreDto, response: 'json',
    expect: ['data'], doc: `${DOC}/api_addentityshop`,
  }),
  storeUpdate: endpoint<StoreUpdate>()({
    title: '更新门店信息', method: 'POST', path: '/wxa/update_store', kind: 'send', request: UpdateStoreDto,
    response: 'json', expect: ['data'], doc: `${DOC}/api_newupdatepoi`,
  }),
  storeGetInfo: endpoint<StoreInfo>()({
    title: '获取单个门店信息', method: 'POST', path: '/wxa/get_store_info', kind: 'read', request: PoiIdDto,
    response: 'json', expect: ['business'], doc: `${DOC}/api_newgetpoi`,
  }),
  storeGetList: endpoint<StoreList>()({
    title: '获取门店信息列表', method: 'POST', path: '/wxa/get_store_list', kind: 'read', request: StoreListDto,
    response: 'json', expect: ['business_list'], doc: `${DOC}/api_newgetpoilist`,
  }),
  /** Deleting twice fails the second time, but removes nothing more: `read`. */
  storeDelete: endpoint()({
    title: '删除门店', method: 'POST', path: '/wxa/del_store', kind: 'read', request: PoiIdDto, response: 'json',
    doc: `${DOC}/api_newdelpoi`,
  }),
} as const;
