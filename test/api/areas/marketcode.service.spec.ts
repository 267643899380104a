import { MARKETCODE_ENDPOINTS } from '../../../lib/api/marketcode/marketcode.endpoints.js';
import { MarketcodeService } from '../../../lib/api/marketcode/marketcode.service.js';
import { WechatEmulator, marketcodeOf, marketcodeTicket } from '../../../lib/testing/index.js';
import { APP, newClient } from '../api-test-kit.js';

const ACTIVITY = {
  activity_name: '扫码领红包', product_brand: '示例', product_title: '矿泉水 550ml', product_code: '6901234567892',
  wxa_appid: 'wx1234567890abcdef', wxa_path: 'pages/scan/index', wxa_type: 0 as const,
};

describe('MarketcodeService (against the emulator)', () => {
  let emu: WechatEmulator;
  let codes: MarketcodeService;
  let applicationId: number;
  beforeAll(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret });
    codes = new MarketcodeService(newClient(emu.url).client);
    applicationId = await codes.apply(20_000, 'isv-order-1');
  });
  afterAll(() => emu.stop());

  it('applycode: the same isv_application_id is the same application', async () => {
    await expect(codes.apply(20_000, 'isv-order-1')).resolves.toBe(applicationId);
    await expect(codes.apply(10_000, 'isv-order-2')).resolves.not.toBe(applicationId);
  });

  it('applycodequery by either id lists the generated range; an unknown id is 40097', async () => {
    const byIsv = await codes.query({ isvApplicationId: 'isv-order-1' });
    expect(byIsv).toMatchObject({ status: 'FINISH', application_id: applicationId, code_generate_list: [{ code_start: 0, code_end: 19_999 }] });
    await expect(codes.query({ applicationId })).resolves.toEqual(byIsv);
    await expect(codes.query({ applicationId: 1 })).rejects.toMatchObject({ errcode: 40097, path: '/intp/marketcode/applycodequery' });
  });

  it('applycodedownload returns the base64 package of a range; a range past the end is 40097', async () => {
    const text = Buffer.from(await codes.download(applicationId, 0, 2), 'base64').toString('utf8');
    expect(text.split('\n')).toEqual([0, 1, 2].map((i) => `${marketcodeOf(applicationId, i).code}\t${marketcodeOf(applicationId, i).code_url}`));
    await expect(codes.download(applicationId, 0, 20_000)).rejects.toMatchObject({ errcode: 40097 });
  });

  it('codeactive + codeactivequery by index, code and code_url; activating an overlapping range is 40097', async () => {
    await codes.activate({ application_id: applicationId, code_start: 0, code_end: 999, ...ACTIVITY });
    const { code, code_url } = marketcodeOf(applicationId, 5);
    const expected = { code_start: 0, code_end: 999, ...ACTIVITY };
    await expect(codes.activeQuery({ application_id: applicationId, code_index: 5 })).resolves.toMatchObject(expected);
    await expect(codes.activeQuery({ code })).resolves.toMatchObject(expected);
    await expect(codes.activeQuery({ code_url })).resolves.toMatchObject(expected);
    await expect(codes.activate({ application_id: applicationId, code_start: 500, code_end: 1500, ...ACTIVITY })).rejects.toMatchObject({ errcode: 40097 });
    await expect(codes.activeQuery({ application_id: applicationId, code_index: 5000 })).rejects.toMatchObject({ errcode: 40097, path: '/intp/marketcode/codeactivequery' });
  });

  it('tickettocode turns a scan ticket into the code; a ticket of an inactive code is 40097', async () => {
    await expect(codes.ticketToCode('oUser', marketcodeTicket(applicationId, 7))).resolves.toMatchObject(marketcodeOf(applicationId, 7));
    await expect(codes.ticketToCode('oUser', marketcodeTicket(applicationId, 15_000))).rejects.toMatchObject({ errcode: 40097 });
  });

  it('refuses bad input before the call, naming the field', async () => {
    emu.clearRequests();
    await expect(codes.apply(15_000, 'x')).rejects.toMatchObject({ field: 'code_count', reason: expect.stringContaining('multiple of 10000') });
    await expect(codes.apply(30_000_000, 'x')).rejects.toMatchObject({ field: 'code_count' });
    await expect(codes.activeQuery({ code: '123' })).rejects.toMatchObject({ field: 'code' });
    await expect(codes.activeQuery({ application_id: applicationId })).rejects.toMatchObject({ field: 'code_index' });
    await expect(codes.activate({ application_id: applicationId, code_start: 0, code_end: 1, ...ACTIVITY, wxa_path: '' })).rejects.toMatchObject({ field: 'wxa_path' });
    expect(emu.requests).toHaveLength(0);
    expect(Object.keys(MARKETCODE_ENDPOINTS)).toHaveLength(6);
  });
});
