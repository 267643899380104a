import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildEvent, buildMessage, WechatEmulator } from '../../lib/testing/index.js';
import { APP, call, expectError, fetchToken } from './emulator-helpers.js';

const CAROL = 'oCarol000000000000000000000003';

/** Followers, tags and the blacklist follow what was pushed, as on the platform. */
describe('emulator: followers stay consistent with pushes', () => {
  let emu: WechatEmulator;
  let endpoint: Server;
  let url: string;
  let token: string;
  beforeAll(async () => {
    endpoint = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('success'));
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/wechat`;
  });
  afterAll(async () => {
    endpoint.closeAllConnections();
    await new Promise((resolve) => endpoint.close(resolve));
  });
  beforeEach(async () => {
    emu = await WechatEmulator.start({ ...APP, followers: [{ openid: CAROL, tags: ['VIP'], remark: '老客户' }] });
    token = await fetchToken(emu);
  });
  afterEach(() => emu.stop());

  const info = (openid: string) => call(emu, 'GET', '/cgi-bin/user/info', { token, query: { openid } });
  const tagCount = async (name: string) =>
    ((await call(emu, 'GET', '/cgi-bin/tags/get', { token })).json.tags as { name: string; count: number }[]).find((t) => t.name === name)?.count;

  it('a subscribe push adds a follower, from a QR code scene when its EventKey says so', async () => {
    emu.clock.advance(3600);
    await emu.push(url, buildEvent('subscribe', { FromUserName: 'oNewFan', EventKey: 'qrscene_1234' } as never));
    expect(emu.followers()).toContain('oNewFan');
    expect((await info('oNewFan')).json).toMatchObject({
      subscribe: 1,
      subscribe_time: Math.floor(emu.clock.now() / 1000),
      subscribe_scene: 'ADD_SCENE_QR_CODE',
      qr_scene: 1234,
      tagid_list: [],
    });
    const list = (await call(emu, 'GET', '/cgi-bin/user/get', { token })).json;
    expect(list.data.openid).toContain('oNewFan');
  });

  it('an unsubscribe push removes the follower, their tags and remark with them; the blacklist stays', async () => {
    expect(await tagCount('VIP')).toBe(1);
    await call(emu, 'POST', '/cgi-bin/tags/members/batchblacklist', { token, json: { openid_list: [CAROL] } });
    await emu.push(url, buildEvent('unsubscribe', { FromUserName: CAROL }));
    expect(emu.followers()).not.toContain(CAROL);
    expectError(await info(CAROL), 40003);
    expect(await tagCount('VIP')).toBe(0);
    expect(emu.blacklist()).toEqual([CAROL]);
    // coming back is a fresh subscribe: no old remark or tags
    await emu.push(url, buildEvent('subscribe', { FromUserName: CAROL }));
    expect((await info(CAROL)).json).toMatchObject({ subscribe: 1, remark: '', tagid_list: [], subscribe_scene: 'ADD_SCENE_OTHERS' });
  });

  it('a message from someone unknown makes them a follower', async () => {
    await emu.push(url, buildMessage('text', { FromUserName: 'oWalkIn', Content: 'hi' }));
    expect((await info('oWalkIn')).json.subscribe).toBe(1);
  });
});
