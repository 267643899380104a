import type { WechatApiClient } from '../wechat-api.client.js';
import type { AddStoreDto, ApplyMerchantDto, CreateMapPoiDto, UpdateStoreDto } from './store.dto.js';
import { STORE_ENDPOINTS as E } from './store.endpoints.js';
import type { DistrictList, MapPoi, MerchantAudit, MerchantCategory, StoreBaseInfo, StoreUpdate } from './store.types.js';

/** "limit…最大50". */
const PAGE = 50;

/**
 * 门店小程序: the store mini program (categories, application, audit), Tencent Map districts and POIs, and store
 * CRUD. Store additions and updates are audited by WeChat.
 */
export class StoreService {
  constructor(private readonly client: WechatApiClient) {}

  /** 拉取门店小程序类目. */
  async getCategories(): Promise<MerchantCategory[]> {
    return (await this.client.call(E.storeGetCategories)).data.all_category_info.categories;
  }

  /** 创建门店小程序 (the administrator confirms it, then WeChat audits it). */
  async applyMerchant(input: ApplyMerchantDto): Promise<void> {
    await this.client.call(E.storeApplyMerchant, input);
  }

  /** 查询门店小程序审核结果. */
  async getMerchantAudit(): Promise<MerchantAudit['data']> {
    return (await this.client.call(E.storeGetMerchantAudit)).data;
  }

  /** 修改门店小程序信息 (head image and introduction). */
  async modifyMerchant(headimgMediaId: string, intro: string): Promise<void> {
    await this.client.call(E.storeModifyMerchant, { headimg_mediaid: headimgMediaId, intro });
  }

  /** 从腾讯地图拉取省市区信息. */
  getDistricts(): Promise<DistrictList> {
    return this.client.call(E.storeGetDistrict);
  }

  /** 在腾讯地图中搜索门店 in a district (an id from `getDistricts`). */
  async searchMapPoi(districtId: number, keyword: string): Promise<MapPoi[]> {
    return (await this.client.call(E.storeSearchMapPoi, { districtid: districtId, keyword })).data.item;
  }

  /** 在腾讯地图中创建门店 when the search finds none; answers the audit ids. */
  async createMapPoi(input: CreateMapPoiDto): Promise<{ base_id: number; rich_id: number }> {
    return (await this.client.call(E.storeCreateMapPoi, input)).data;
  }

  /** 添加门店: answers the audit id. */
  async addStore(input: AddStoreDto): Promise<string> {
    return (await this.client.call(E.storeAdd, input)).data.audit_id;
  }

  /** 更新门店信息. */
  async updateStore(input: UpdateStoreDto): Promise<StoreUpdate['data']> {
    return (await this.client.call(E.storeUpdate, input)).data;
  }

  /** 获取单个门店信息. */
  async getStore(poiId: string): Promise<StoreBaseInfo> {
    return (await this.client.call(E.storeGetInfo, { poi_id: poiId })).business.base_info;
  }

  /** 获取门店信息列表: one page (`limit` at most 50). */
  async listStores(offset = 0, limit = PAGE): Promise<{ stores: StoreBaseInfo[]; total: number }> {
    const page = await this.client.call(E.storeGetList, { offset, limit });
    return { stores: page.business_list.map((b) => b.base_info), total: page.total_count };
  }

  /** Every store, page after page: `for await (const store of stores.iterateStores())`. */
  async *iterateStores(): AsyncGenerator<StoreBaseInfo> {
    for (let offset = 0; ; ) {
      const { stores, total } = await this.listStores(offset, PAGE);
      yield* stores;
      offset += stores.length;
      if (stores.length === 0 || offset >= total) return;
    }
  }

  /** 删除门店. */
  async deleteStore(poiId: string): Promise<void> {
    await this.client.call(E.storeDelete, { poi_id: poiId });
  }
}
