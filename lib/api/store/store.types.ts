/** Answers of the 门店小程序 APIs. */

export interface MerchantCategory {
  id: number;
  name: string;
  level: number;
  father: number;
  children: number[];
  sensitive_type?: number;
  qualify?: { exter_list: { inner_list: { name: string }[] }[] };
}

export interface MerchantCategories {
  data: { all_category_info: { categories: MerchantCategory[] } };
}

/** 查询门店小程序审核结果: `status` 0 in review, 1 approved, 3 rejected. */
export interface MerchantAudit {
  data: { audit_id: number; status: number; reason: string };
}

export interface District {
  id: string;
  name?: string;
  fullname: string;
  pinyin?: string[];
  location: { lat: number; lng: number };
  cidx?: number[];
}

/** 从腾讯地图拉取省市区信息: `result` holds provinces, cities and districts, one array each. */
export interface DistrictList {
  status: number;
  message: string;
  data_version: string;
  result: District[][];
}

export interface MapPoi {
  branch_name: string;
  address: string;
  longitude: number;
  latitude: number;
  telephone: string;
  category: string;
  sosomap_poi_uid: string;
  data_supply: number;
}

export interface MapPoiSearch {
  data: { item: MapPoi[] };
}

export interface CreatedMapPoi {
  data: { base_id: number; rich_id: number };
}

export interface StoreAudit {
  data: { audit_id: string };
}

export interface StoreUpdate {
  data: { has_audit_id: number; audit_id: string };
}

export interface StoreBaseInfo {
  poi_id: string;
  store_name?: string;
  address?: string;
  hour: string;
  contract_phone: string;
  pic_list: string;
  map_poi_id: string;
  credential?: string;
  company_name?: string;
  card_id?: string;
  kf_info?: string;
  /** 1 approved, 2 in review, 3 rejected… */
  status?: number;
}

export interface StoreInfo {
  business: { base_info: StoreBaseInfo };
}

export interface StoreList {
  business_list: { base_info: StoreBaseInfo }[];
  total_count: number;
}
