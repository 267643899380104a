import { QrcodeService } from '../../lib/api/qrcode/qrcode.service.js';
import { WechatValidationError } from '../../lib/errors/wechat-validation.error.js';
import { WechatEmulator } from '../../lib/testing/index.js';
import { APP, newClient } from './api-test-kit.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

describe('QrcodeService (against the emulator)', () => {
  let emu: WechatEmulator;
  let qrcodes: QrcodeService;
  beforeAll(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret });
    qrcodes = new QrcodeService(newClient(emu.url).client);
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.clearRequests());

  const created = () => emu.requests.filter((r) => r.path === '/cgi-bin/qrcode/create');

  it('creates a temporary code with an integer scene and fetches its image by the URL-encoded ticket', async () => {
    const qr = await qrcodes.createTemporary({ scene: 4_294_967_295, expireSeconds: 2_592_000 });
    expect(qr.expire_seconds).toBe(2_592_000);
    expect(created()[0].body).toEqual({ expire_seconds: 2_592_000, action_name: 'QR_SCENE', action_info: { scene: { scene_id: 4_294_967_295 } } });
    expect(qr.showUrl).toBe(`${emu.url}/cgi-bin/showqrcode?ticket=${encodeURIComponent(qr.ticket)}`);
    expect(qr.ticket).toMatch(/[+/]/); // the emulator's tickets need encoding, like WeChat's
    const image = await qrcodes.getImage(qr.ticket);
    expect(image.subarray(0, 4).equals(PNG_SIGNATURE)).toBe(true);
    const shown = emu.requests.find((r) => r.path === '/cgi-bin/showqrcode');
    expect(shown?.query.ticket).toBe(qr.ticket);
  });

  it('creates a temporary string-scene code, leaving the lifetime to WeChat when not given', async () => {
    const qr = await qrcodes.createTemporary({ scene: 'login:42' });
    expect(created()[0].body).toEqual({ action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'login:42' } } });
    expect(emu.qrTickets().find((t) => t.ticket === qr.ticket)).toMatchObject({ actionName: 'QR_STR_SCENE', sceneStr: 'login:42' });
  });

  it('creates permanent codes with integer and string scenes', async () => {
    const byId = await qrcodes.createPermanent(100_000);
    const byStr = await qrcodes.createPermanent('x'.repeat(64));
    expect(byId.expire_seconds).toBeUndefined();
    expect(created().map((r) => (r.body as { action_name: string }).action_name)).toEqual(['QR_LIMIT_SCENE', 'QR_LIMIT_STR_SCENE']);
    expect(emu.qrTickets().filter((t) => t.ticket === byId.ticket || t.ticket === byStr.ticket)).toHaveLength(2);
  });

  it('an expired ticket has no image: the 404 surfaces as a transport error', async () => {
    const qr = await qrcodes.createTemporary({ scene: 7, expireSeconds: 60 });
    emu.clock.advance(61);
    await expect(qrcodes.getImage(qr.ticket)).rejects.toMatchObject({ code: 'WECHAT_TRANSPORT_ERROR', reason: 'http_status', status: 404 });
  });

  it.each([
    ['expire_seconds over 30 days', () => qrcodes.createTemporary({ scene: 1, expireSeconds: 2_592_001 }), 'expire_seconds'],
    ['expire_seconds not an integer', () => qrcodes.createTemporary({ scene: 1, expireSeconds: 1.5 }), 'expire_seconds'],
    ['temporary scene_id 0', () => qrcodes.createTemporary({ scene: 0 }), 'action_info.scene.scene_id'],
    ['temporary scene_id over 32 bits', () => qrcodes.createTemporary({ scene: 4_294_967_296 }), 'action_info.scene.scene_id'],
    ['permanent scene_id 100001', () => qrcodes.createPermanent(100_001), 'action_info.scene.scene_id'],
    ['permanent scene_id 0', () => qrcodes.createPermanent(0), 'action_info.scene.scene_id'],
    ['an empty scene_str', () => qrcodes.createPermanent(''), 'action_info.scene.scene_str'],
    ['a 65-character scene_str', () => qrcodes.createTemporary({ scene: 'x'.repeat(65) }), 'action_info.scene.scene_str'],
    ['a scene that is neither', () => qrcodes.createPermanent(null as unknown as string), 'action_info.scene.scene_str'],
  ])('refuses %s before sending', async (_label, call, field) => {
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatValidationError);
    expect((error as WechatValidationError).field).toBe(field);
    expect(created()).toHaveLength(0);
  });
});
