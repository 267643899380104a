import { WechatEmulator } from '../../lib/testing/index.js';
import { APP, call, expectError, fetchToken } from './emulator-helpers.js';

/** Emulator behaviour the library's own validation keeps its services from reaching. */
describe('emulator: short keys, comments, customer service, openApi (raw calls)', () => {
  let emu: WechatEmulator;
  let token: string;
  beforeAll(async () => {
    emu = await WechatEmulator.start({ ...APP });
    token = await fetchToken(emu);
  });
  afterAll(() => emu.stop());

  it('clear_quota/v2 also takes appid and appsecret in a JSON body, and needs no access_token', async () => {
    const ok = await call(emu, 'POST', '/cgi-bin/clear_quota/v2', { json: { appid: APP.appId, appsecret: APP.appSecret } });
    expect(ok.json).toEqual({ errcode: 0, errmsg: 'ok' });
    expectError(await call(emu, 'POST', '/cgi-bin/clear_quota/v2', { query: { appid: APP.appId } }), 41004, 'appsecret missing');
    expectError(await call(emu, 'POST', '/cgi-bin/clear_quota/v2', { query: { appsecret: 'x' } }), 41002, 'appid missing');
    expectError(await call(emu, 'POST', '/cgi-bin/clear_quota/v2', { query: { appid: 'wxunknown', appsecret: 'x' } }), 40013);
    const logged = emu.requests.filter((r) => r.path === '/cgi-bin/clear_quota/v2');
    expect(JSON.stringify(logged)).not.toContain(APP.appSecret);
  });

  it('shorten/gen answers the documented errcodes for an oversized body or expiry', async () => {
    expectError(await call(emu, 'POST', '/cgi-bin/shorten/gen', { token, json: { long_data: 'x'.repeat(4097) } }), 9410010);
    expectError(await call(emu, 'POST', '/cgi-bin/shorten/gen', { token, json: { long_data: 'x', expire_seconds: 2_592_001 } }), 9410011);
    expectError(await call(emu, 'POST', '/cgi-bin/shorten/gen', { token, json: {} }), 47003);
  });

  it('comment/list refuses a count of 50 or more with 88010', async () => {
    emu.seedComments(42, [{ content: 'hi' }]);
    expectError(await call(emu, 'POST', '/cgi-bin/comment/list', { token, json: { msg_data_id: 42, begin: 0, count: 50, type: 0 } }), 88010);
  });

  it('uploadheadimg refuses a non-JPEG with 40005; getmsglist a window over 24 h with 65417', async () => {
    await call(emu, 'POST', '/customservice/kfaccount/add', { token, json: { kf_account: 'eve@gh_test', nickname: 'Eve' } });
    const form = new FormData();
    form.set('media', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' }), 'eve.png');
    expectError(await call(emu, 'POST', '/customservice/kfaccount/uploadheadimg', { token, query: { kf_account: 'eve@gh_test' }, form }), 40005);
    expectError(await call(emu, 'POST', '/customservice/msgrecord/getmsglist', { token, json: { starttime: 0, endtime: 86_401, msgid: 1, number: 10 } }), 65417);
  });

  it('records session events without delivering them when no callback URL is set; refuses a non-http(s) one', async () => {
    await call(emu, 'POST', '/customservice/kfaccount/inviteworker', { token, json: { kf_account: 'eve@gh_test', invite_wx: 'eve_wx001' } });
    emu.acceptKfInvite('eve@gh_test');
    emu.setKfOnline('eve@gh_test');
    const created = await call(emu, 'POST', '/customservice/kfsession/create', { token, json: { kf_account: 'eve@gh_test', openid: 'oEmulatorUser0000000000000000' } });
    expect(created.json.errcode).toBe(0);
    await emu.idle();
    expect(emu.platformPushes().map((p) => [p.event, p.delivered, (p.message as { KfAccount?: string }).KfAccount])).toEqual([
      ['kf_create_session', false, 'eve@gh_test'],
    ]);
    expect(() => emu.setCallback('ftp://example.com/wechat')).toThrow(/http: or https:/);
  });

  it('qrcodejumpget refuses a page over 200 and queryblocktmplmsg a limit over 100 with 40097', async () => {
    expectError(await call(emu, 'POST', '/cgi-bin/wxopen/qrcodejumpget', { token, json: { appid: 'wxmini', get_type: 2, page_num: 1, page_size: 201 } }), 40097);
    expectError(await call(emu, 'POST', '/wxa/sec/queryblocktmplmsg', { token, json: { tmpl_msg_id: 'x', largest_id: 0, limit: 101 } }), 40097);
  });
});
