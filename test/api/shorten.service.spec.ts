import { ShortenService } from '../../lib/api/shorten/shorten.service.js';
import { QrcodeJumpService } from '../../lib/api/qrcode-jump/qrcode-jump.service.js';
import { WechatApiError } from '../../lib/errors/wechat-api.error.js';
import { WechatValidationError } from '../../lib/errors/wechat-validation.error.js';
import { WechatEmulator } from '../../lib/testing/index.js';
import { pinMidQuotaPeriod } from '../support/quota-clock.js';
import { APP, newClient } from './api-test-kit.js';

describe('ShortenService (against the emulator)', () => {
  let emu: WechatEmulator;
  let shorten: ShortenService;
  beforeAll(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret });
    shorten = new ShortenService(newClient(emu.url).client);
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.clearRequests());

  it('stores long data behind a 15-character base62 key and fetches it back', async () => {
    const longData = '活动=双十一&渠道=线下门店&'.repeat(50);
    const key = await shorten.generate(longData, 3600);
    expect(key).toMatch(/^[0-9A-Za-z]{15}$/);
    expect(emu.requests.at(-1)?.body).toEqual({ long_data: longData, expire_seconds: 3600 });
    const back = await shorten.fetch(key);
    expect(back).toMatchObject({ long_data: longData, expire_seconds: 3600 });
    expect(typeof back.create_time).toBe('number');
  });

  it('an unknown or expired key is errcode 9410012, typed', async () => {
    await expect(shorten.fetch('AAAAAAAAAAAAAAA')).rejects.toMatchObject({ errcode: 9410012, path: '/cgi-bin/shorten/fetch' });
    const key = await shorten.generate('short-lived', 60);
    emu.clock.advance(61);
    const error = await shorten.fetch(key).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatApiError);
    expect((error as WechatApiError).explanation?.zh).toContain('短 key');
  });

  it('checks the documented limits before the call, naming the field', async () => {
    await expect(shorten.generate('x'.repeat(4097))).rejects.toMatchObject({ field: 'long_data' });
    await expect(shorten.generate('中'.repeat(1366))).rejects.toBeInstanceOf(WechatValidationError); // 4098 bytes
    await expect(shorten.generate('ok', 2_592_001)).rejects.toMatchObject({ field: 'expire_seconds' });
    await expect(shorten.fetch('too-short')).rejects.toMatchObject({ field: 'short_key' });
    expect(emu.requests).toHaveLength(0);
  });

  it('puts a scene longer than 64 characters behind a QR code, and resolves the scan back to it', async () => {
    const longScene = JSON.stringify({ campaign: 'spring-2026', store: 'shanghai-jingan-0042', staff: 'E1234567', coupon: 'C'.repeat(40) });
    expect(longScene.length).toBeGreaterThan(64);
    const qr = await shorten.createLongSceneQrcode(longScene, 7200);
    expect(qr.sceneStr).toBe(`sk:${qr.shortKey}`);
    expect(qr.expire_seconds).toBe(7200);
    const ticket = emu.qrTickets().find((t) => t.ticket === qr.ticket);
    expect(ticket).toMatchObject({ actionName: 'QR_STR_SCENE', sceneStr: qr.sceneStr });
    // a SCAN event carries the scene as EventKey; a subscribe-by-scan one prefixes it with qrscene_
    await expect(shorten.resolveScene(qr.sceneStr)).resolves.toBe(longScene);
    await expect(shorten.resolveScene(`qrscene_${qr.sceneStr}`)).resolves.toBe(longScene);
    // ordinary scenes are left alone, without a call
    emu.clearRequests();
    await expect(shorten.resolveScene('qrscene_plain-scene')).resolves.toBe('plain-scene');
    expect(emu.requests).toHaveLength(0);
  });

  it('refuses a long-scene QR code living longer than a short key can', async () => {
    await expect(shorten.createLongSceneQrcode('x'.repeat(100), 2_592_001)).rejects.toMatchObject({ field: 'expire_seconds' });
    expect(emu.requests).toHaveLength(0);
  });
});

describe('QrcodeJumpService (against the emulator)', () => {
  const MINI = 'wx00000000000mini1';
  let emu: WechatEmulator;
  let jump: QrcodeJumpService;
  let prefix: string;
  beforeAll(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret });
    pinMidQuotaPeriod(emu.clock); // publishes count per month
    const client = newClient(emu.url).client;
    jump = new QrcodeJumpService(client);
    prefix = (await new ShortenService(client).createLongSceneQrcode('x'.repeat(80), 600)).url;
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.clearRequests());

  it('adds a rule for a QR code URL, edits it, publishes it, lists it and deletes it', async () => {
    await jump.addRule({ prefix, appid: MINI, path: 'pages/index/index' });
    expect(emu.requests.at(-1)?.body).toEqual({ prefix, appid: MINI, path: 'pages/index/index', is_edit: 0 });
    await jump.updateRule({ prefix, appid: MINI, path: 'pages/shop/shop' });
    const before = await jump.getRules(MINI);
    expect(before.rule_list).toEqual([{ prefix, path: 'pages/shop/shop', state: 1 }]);
    await jump.publishRule(prefix);
    const after = await jump.getRules(MINI, [prefix]);
    expect(after.rule_list[0]?.state).toBe(2);
    expect(after.qrcodejump_pub_quota).toBe(before.qrcodejump_pub_quota - 1);
    // a published rule cannot be edited
    await expect(jump.updateRule({ prefix, appid: MINI, path: 'pages/x/x' })).rejects.toMatchObject({ errcode: 40097 });
    await jump.deleteRule(prefix, MINI);
    expect(emu.qrJumpRules()).toEqual([]);
  });

  it('an unknown prefix is errcode 85066; a second add 85071', async () => {
    await expect(jump.publishRule('http://weixin.qq.com/q/unknown0000')).rejects.toMatchObject({ errcode: 85066 });
    await expect(jump.deleteRule('http://weixin.qq.com/q/unknown0000', MINI)).rejects.toMatchObject({ errcode: 85066 });
    await jump.addRule({ prefix, appid: MINI, path: 'pages/index/index' });
    await expect(jump.addRule({ prefix, appid: MINI, path: 'pages/index/index' })).rejects.toMatchObject({ errcode: 85071 });
    await jump.deleteRule(prefix, MINI);
  });

  it('iterates rules page by page', async () => {
    const prefixes = Array.from({ length: 5 }, (_, i) => `http://weixin.qq.com/q/page${i}`);
    for (const p of prefixes) await jump.addRule({ prefix: p, appid: MINI, path: 'pages/index/index' });
    emu.clearRequests();
    const seen: string[] = [];
    for await (const rule of jump.iterateRules(MINI, 2)) seen.push(rule.prefix);
    expect(seen).toEqual(prefixes);
    expect(emu.requests.map((r) => (r.body as { page_num: number }).page_num)).toEqual([1, 2, 3]);
  });

  it('checks the documented limits before the call, naming the field', async () => {
    await expect(jump.getRulePage(MINI, 1, 201)).rejects.toMatchObject({ field: 'page_size' });
    await expect(jump.getRulePage(MINI, 0)).rejects.toMatchObject({ field: 'page_num' });
    await expect(jump.getRules(MINI, Array.from({ length: 201 }, (_, i) => `p${i}`))).rejects.toMatchObject({ field: 'prefix_list' });
    await expect(jump.getRules(MINI, [])).rejects.toMatchObject({ field: 'prefix_list' });
    await expect(jump.addRule({ prefix: 'not a url', appid: MINI, path: 'p' })).rejects.toMatchObject({ field: 'prefix' });
    await expect(jump.addRule({ prefix, appid: '', path: 'p' })).rejects.toMatchObject({ field: 'appid' });
    expect(emu.requests).toHaveLength(0);
  });
});
