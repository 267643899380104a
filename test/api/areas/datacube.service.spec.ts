import { DatacubeService } from '../../../lib/api/datacube/datacube.service.js';
import { DATACUBE_ENDPOINTS, DATACUBE_SPECS, type DatacubeName } from '../../../lib/api/datacube/datacube.endpoints.js';
import { dateOfDay, dayNumber, latestDataDay, splitRange } from '../../../lib/api/datacube/date-range.js';
import { WechatApiError } from '../../../lib/errors/wechat-api.error.js';
import { WechatValidationError } from '../../../lib/errors/wechat-validation.error.js';
import { WechatEmulator } from '../../../lib/testing/index.js';
import { APP, newClient } from '../api-test-kit.js';

const NAMES = Object.keys(DATACUBE_SPECS) as DatacubeName[];
const yesterday = () => latestDataDay(Date.now());
const daysBefore = (date: string, n: number) => dateOfDay(dayNumber(date)! - n);

describe('DatacubeService (against the emulator)', () => {
  let emu: WechatEmulator;
  let datacube: DatacubeService;
  let client: ReturnType<typeof newClient>['client'];
  beforeAll(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret });
    client = newClient(emu.url).client;
    datacube = new DatacubeService(client);
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.clearRequests());

  it.each(NAMES)('%s answers typed rows for yesterday, the same figures each time', async (name) => {
    const day = yesterday();
    const rows = await datacube.query(name, day, day);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ ref_date: day });
    await expect(datacube.query(name, day, day)).resolves.toEqual(rows);
    expect(emu.requests.at(-1)).toMatchObject({ path: DATACUBE_SPECS[name].path, body: { begin_date: day, end_date: day } });
  });

  it.each(NAMES)('%s: WeChat refuses a range ending today with 61501 (sent raw, past the service check)', async (name) => {
    const today = dateOfDay(dayNumber(yesterday())! + 1);
    await expect(client.call(DATACUBE_ENDPOINTS[name], { begin_date: today, end_date: today })).rejects.toMatchObject({
      errcode: 61501,
      path: DATACUBE_SPECS[name].path,
    });
  });

  it.each(NAMES.map((name) => [name, DATACUBE_SPECS[name].maxDays] as const))(
    '%s refuses a range over its %i-day span before the call, naming end_date',
    async (name, maxDays) => {
      const end = yesterday();
      const error = await datacube.query(name, daysBefore(end, maxDays), end).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WechatValidationError);
      expect(error).toMatchObject({ field: 'end_date' });
      expect((error as Error).message).toContain(`at most ${maxDays} day`);
      expect(emu.requests).toHaveLength(0);
    },
  );

  it('refuses an end date today or in the future, a begin after the end and a malformed date, naming the field', async () => {
    const today = dateOfDay(dayNumber(yesterday())! + 1);
    await expect(datacube.getUserSummary(today, today)).rejects.toMatchObject({ field: 'end_date', reason: expect.stringContaining('yesterday') });
    await expect(datacube.getUserSummary('2099-01-01', '2099-01-02')).rejects.toMatchObject({ field: 'end_date' });
    await expect(datacube.getUserSummary(yesterday(), daysBefore(yesterday(), 1))).rejects.toMatchObject({ field: 'begin_date' });
    await expect(datacube.getUserSummary('2024-02-30', yesterday())).rejects.toMatchObject({ field: 'begin_date' });
    await expect(datacube.getUserCumulate('yesterday', yesterday())).rejects.toBeInstanceOf(WechatValidationError);
    expect(emu.requests).toHaveLength(0);
  });

  it('queryRange splits a 20-day range into 7-day calls and merges the rows oldest first', async () => {
    const end = yesterday();
    const begin = daysBefore(end, 19);
    const rows = await datacube.queryRange('getUserCumulate', begin, end);
    expect(rows.map((r) => r.ref_date)).toEqual(Array.from({ length: 20 }, (_, i) => daysBefore(end, 19 - i)));
    expect(emu.requests.map((r) => r.body)).toEqual(splitRange({ begin_date: begin, end_date: end }, 7));
    expect(emu.requests).toHaveLength(3);
  });

  it('queryRange still refuses an end date in the future', async () => {
    await expect(datacube.queryRange('getUserSummary', '2020-01-01', '2999-01-01')).rejects.toMatchObject({ field: 'end_date' });
    expect(emu.requests).toHaveLength(0);
  });

  it('the six older article rows are marked deprecated, pointing to the new APIs', () => {
    const deprecated = NAMES.filter((name) => DATACUBE_ENDPOINTS[name].deprecated);
    expect(deprecated.sort()).toEqual(['getArticleSummary', 'getArticleTotal', 'getUserRead', 'getUserReadHour', 'getUserShare', 'getUserShareHour']);
    for (const name of deprecated) expect(DATACUBE_ENDPOINTS[name].deprecated).toContain('getArticleRead');
  });

  it('publisher/stat answers a page of ad figures; an unknown action is refused before the call', async () => {
    const day = yesterday();
    const stat = await datacube.publisherStat('publisher_adpos_general', day, day, { ad_slot: 'SLOT_ID_BIZ_BOTTOM' });
    expect(stat.base_resp.ret).toBe(0);
    expect(stat.list?.[0]).toMatchObject({ ad_slot: 'SLOT_ID_BIZ_BOTTOM' });
    expect(emu.requests.at(-1)?.query).toMatchObject({ action: 'publisher_adpos_general', start_date: day, page: '1', page_size: '90' });
    await expect(datacube.publisherStat('publisher_everything' as 'publisher_settlement', day, day)).rejects.toMatchObject({ field: 'action' });
    await expect(datacube.publisherStat('publisher_settlement', day, '2999-01-01')).rejects.toMatchObject({ field: 'end_date' });
  });

  it('publisher/stat: a start after the end reaches WeChat as 61501 when sent raw', async () => {
    const day = yesterday();
    const error = await client
      .call(DATACUBE_ENDPOINTS.publisherStat, { action: 'publisher_cps_general', start_date: day, end_date: daysBefore(day, 3), page: 1, page_size: 10 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatApiError);
    expect(error).toMatchObject({ errcode: 61501 });
  });
});
