import { rawCall } from '../../support/raw-call.js';
import { STORE_ENDPOINTS } from '../../../lib/api/store/store.endpoints.js';
import { StoreService } from '../../../lib/api/store/store.service.js';
import { WechatEmulator } from '../../../lib/testing/index.js';
import { APP, newClient } from '../api-test-kit.js';

const PICS = JSON.stringify({ list: ['https://mmbiz.qpic.cn/store.jpg'] });
const store = (mapPoiId: string) => ({ map_poi_id: mapPoiId, pic_list: PICS, contract_phone: '010-88888888', hour: '10:00-21:00', credential: '911100000000000000' });
const MAP_POI = {
  name: '示例咖啡', longitude: '116.42', latitude: '39.93', province: '北京市', city: '北京市', district: '东城区', address: '东长安街1号',
  category: '美食:咖啡厅', telephone: '010-88888888', photo: 'https://example.com/p.jpg', license: 'https://example.com/l.jpg', introduct: '咖啡', districtid: '110101',
};

describe('StoreService (against the emulator)', () => {
  let emu: WechatEmulator;
  let stores: StoreService;
  let client: ReturnType<typeof newClient>['client'];
  beforeAll(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret });
    client = newClient(emu.url).client;
    stores = new StoreService(client);
  });
  afterAll(() => emu.stop());

  it('categories and districts', async () => {
    const categories = await stores.getCategories();
    expect(categories.find((c) => c.level === 1)).toMatchObject({ name: '美食' });
    const districts = await stores.getDistricts();
    expect(districts.result[2]![0]).toMatchObject({ id: '110101', fullname: '东城区' });
  });

  it('the store mini program: audit before applying is 40097; apply, audit, modify; a second application in review is 40097', async () => {
    await expect(stores.getMerchantAudit()).rejects.toMatchObject({ errcode: 40097, path: '/wxa/get_merchant_audit_info' });
    await expect(stores.modifyMerchant('media-head', '新介绍')).rejects.toMatchObject({ errcode: 40097, path: '/wxa/modify_merchant' });
    await stores.applyMerchant({ first_catid: 1, second_catid: 102, headimg_mediaid: 'media-head', nickname: '示例咖啡', intro: '咖啡' });
    await expect(stores.applyMerchant({ first_catid: 1, second_catid: 102, headimg_mediaid: 'media-head', nickname: '示例咖啡', intro: '咖啡' }))
      .rejects.toMatchObject({ errcode: 40097, path: '/wxa/apply_merchant' });
    await expect(stores.getMerchantAudit()).resolves.toMatchObject({ status: 0 });
    await expect(stores.getMerchantAudit()).resolves.toMatchObject({ status: 1 });
    await stores.modifyMerchant('media-head', '新介绍');
  });

  it('map POIs: search in a district, create one, find it; an unknown district is 40097', async () => {
    const [found] = await stores.searchMapPoi(110101, '示例咖啡');
    expect(found).toMatchObject({ sosomap_poi_uid: expect.any(String) });
    await expect(stores.createMapPoi(MAP_POI)).resolves.toMatchObject({ base_id: expect.any(Number) });
    await expect(stores.searchMapPoi(110101, '示例咖啡')).resolves.toHaveLength(2);
    await expect(stores.searchMapPoi(999999, '示例')).rejects.toMatchObject({ errcode: 40097, path: '/wxa/search_map_poi' });
    await expect(stores.createMapPoi({ ...MAP_POI, districtid: '999999' })).rejects.toMatchObject({ errcode: 40097, path: '/wxa/create_map_poi' });
  });

  it('store CRUD and paging through every store; an unknown poi_id is 40097 everywhere', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 53; i++) {
      await stores.addStore(store(`map-${i}`));
    }
    for await (const s of stores.iterateStores()) ids.push(s.poi_id);
    expect(ids).toHaveLength(53);
    expect(new Set(ids).size).toBe(53);
    const poi = ids[0]!;
    await expect(stores.getStore(poi)).resolves.toMatchObject({ map_poi_id: 'map-0', status: 1 });
    await expect(stores.updateStore({ poi_id: poi, map_poi_id: 'map-0', pic_list: PICS, contract_phone: '010-99999999', hour: '09:00-22:00' }))
      .resolves.toMatchObject({ has_audit_id: 1 });
    await expect(stores.getStore(poi)).resolves.toMatchObject({ hour: '09:00-22:00' });
    await stores.deleteStore(poi);
    await expect(stores.listStores(0, 50)).resolves.toMatchObject({ total: 52 });
    await expect(stores.getStore(poi)).rejects.toMatchObject({ errcode: 40097, path: '/wxa/get_store_info' });
    await expect(stores.deleteStore(poi)).rejects.toMatchObject({ errcode: 40097, path: '/wxa/del_store' });
    await expect(stores.updateStore({ poi_id: poi, map_poi_id: 'x', pic_list: PICS, contract_phone: '1', hour: '09:00-22:00' })).rejects.toMatchObject({ errcode: 40097 });
    await expect(rawCall(client, STORE_ENDPOINTS.storeAdd, { body: { map_poi_id: 'x' } })).rejects.toMatchObject({ errcode: 40097, path: '/wxa/add_store' });
    await expect(rawCall(client, STORE_ENDPOINTS.storeGetList, { body: { offset: 0, limit: 51 } })).rejects.toMatchObject({ errcode: 40097 });
  });

  it('refuses bad input before the call, naming the field', async () => {
    emu.clearRequests();
    await expect(stores.listStores(0, 51)).rejects.toMatchObject({ field: 'limit' });
    await expect(stores.addStore({ ...store('m'), hour: 'all day' })).rejects.toMatchObject({ field: 'hour' });
    await expect(stores.addStore({ ...store('m'), pic_list: 'https://x/a.jpg' })).rejects.toMatchObject({ field: 'pic_list' });
    await expect(stores.createMapPoi({ ...MAP_POI, longitude: 'east' })).rejects.toMatchObject({ field: 'longitude' });
    expect(emu.requests).toHaveLength(0);
  });
});

describe('StoreService: the GET lists fail with the daily quota (45009)', () => {
  let emu: WechatEmulator;
  let stores: StoreService;
  beforeAll(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret, quotas: { '/wxa/get_merchant_category': 0, '/wxa/get_district': 0 } });
    stores = new StoreService(newClient(emu.url).client);
  });
  afterAll(() => emu.stop());

  it('categories and districts', async () => {
    await expect(stores.getCategories()).rejects.toMatchObject({ errcode: 45009, path: '/wxa/get_merchant_category' });
    await expect(stores.getDistricts()).rejects.toMatchObject({ errcode: 45009, path: '/wxa/get_district' });
  });
});
