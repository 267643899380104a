import { WechatEmulator } from '../../lib/testing/index.js';
import { APP, call, expectError, fetchToken } from './emulator-helpers.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('emulator: QR codes', () => {
  let emu: WechatEmulator;
  let token: string;
  beforeEach(async () => {
    emu = await WechatEmulator.start({ ...APP });
    token = await fetchToken(emu);
  });
  afterEach(() => emu.stop());

  const create = (json: unknown) => call(emu, 'POST', '/cgi-bin/qrcode/create', { token, json });
  const show = (rawTicketQuery: string) => fetch(`${emu.url}/cgi-bin/showqrcode?ticket=${rawTicketQuery}`);

  it.each([
    ['QR_SCENE', { expire_seconds: 604800, action_info: { scene: { scene_id: 123 } } }, 604800],
    ['QR_STR_SCENE', { expire_seconds: 3600, action_info: { scene: { scene_str: 'test' } } }, 3600],
    ['QR_SCENE', { action_info: { scene: { scene_id: 1 } } }, 60],
    ['QR_SCENE', { expire_seconds: 9_999_999, action_info: { scene: { scene_id: 4294967295 } } }, 2592000],
  ])('%s creates a temporary ticket (expire_seconds %j)', async (action_name, body, expected) => {
    const res = await create({ action_name, ...body });
    expect(res.json).toEqual({ ticket: expect.stringMatching(/^gQ/), expire_seconds: expected, url: expect.stringMatching(/^http:\/\/weixin\.qq\.com\/q\//) });
    expect(emu.qrTickets()).toHaveLength(1);
    expect(emu.qrTickets()[0]).toMatchObject({ actionName: action_name, expireSeconds: expected });
  });

  it.each([
    ['QR_LIMIT_SCENE', { scene_id: 100000 }, { sceneId: 100000 }],
    ['QR_LIMIT_STR_SCENE', { scene_str: 's'.repeat(64) }, { sceneStr: 's'.repeat(64) }],
  ])('%s creates a permanent ticket without expire_seconds', async (action_name, scene, recorded) => {
    const res = await create({ action_name, expire_seconds: 30, action_info: { scene } });
    expect(res.json).toEqual({ ticket: expect.any(String), url: expect.any(String) });
    expect(emu.qrTickets()[0]).toMatchObject({ actionName: action_name, ...recorded, expireSeconds: undefined });
  });

  it.each([
    ['unknown action_name', { action_name: 'QR_FOREVER', action_info: { scene: { scene_id: 1 } } }, 40097],
    ['no action_info', { action_name: 'QR_SCENE' }, 40053],
    ['no scene', { action_name: 'QR_SCENE', action_info: {} }, 40053],
    ['scene_id 0', { action_name: 'QR_SCENE', action_info: { scene: { scene_id: 0 } } }, 40053],
    ['scene_id over 32 bits', { action_name: 'QR_SCENE', action_info: { scene: { scene_id: 2 ** 32 } } }, 40053],
    ['permanent scene_id over 100000', { action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 100001 } } }, 40053],
    ['scene_str where an id is needed', { action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_str: 'a' } } }, 40053],
    ['scene_str over 64', { action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 's'.repeat(65) } } }, 40053],
    ['empty scene_str', { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: '' } } }, 40053],
    ['non-integer expire_seconds', { action_name: 'QR_SCENE', expire_seconds: 'soon', action_info: { scene: { scene_id: 1 } } }, 40097],
  ])('qrcode/create refuses %s with %i', async (_name, body, errcode) => {
    expectError(await create(body), errcode);
    expect(emu.qrTickets()).toHaveLength(0);
  });

  it('showqrcode serves a PNG for the URL-encoded ticket, 404 for unencoded, unknown or expired tickets', async () => {
    const { ticket } = (await create({ action_name: 'QR_SCENE', expire_seconds: 120, action_info: { scene: { scene_id: 7 } } })).json;
    expect(ticket).toMatch(/[+/]/);
    const image = await show(encodeURIComponent(ticket));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await image.arrayBuffer());
    expect(bytes.subarray(0, 8)).toEqual(PNG_MAGIC);
    expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
    // a different ticket draws a different image
    const other = (await create({ action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 8 } } })).json.ticket;
    const otherBytes = Buffer.from(await (await show(encodeURIComponent(other))).arrayBuffer());
    expect(otherBytes.equals(bytes)).toBe(false);

    expect((await show(ticket)).status).toBe(404); // '+' decodes to a space
    expect((await show('gQnope')).status).toBe(404);
    emu.clock.advance(120);
    expect((await show(encodeURIComponent(ticket))).status).toBe(404);
    // permanent tickets never expire
    emu.clock.advance(86_400 * 365);
    expect((await show(encodeURIComponent(other))).status).toBe(200);
  });
});
