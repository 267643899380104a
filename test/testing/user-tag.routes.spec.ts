import { EMULATOR_DEFAULT_OPENID, WechatEmulator } from '../../lib/testing/index.js';
import { APP, call, expectError, fetchToken } from './emulator-helpers.js';

const ALICE = 'oAlice0000000000000000000001';
const BOB = 'oBob00000000000000000000000002';

describe('emulator: users and tags', () => {
  let emu: WechatEmulator;
  let token: string;
  beforeEach(async () => {
    emu = await WechatEmulator.start({ ...APP, followers: [ALICE, BOB] });
    token = await fetchToken(emu);
  });
  afterEach(() => emu.stop());

  const post = (path: string, json: unknown) => call(emu, 'POST', path, { token, json });
  const get = (path: string, query: Record<string, string> = {}) => call(emu, 'GET', path, { token, query });

  it('user/get lists followers and pages with next_openid', async () => {
    expect((await get('/cgi-bin/user/get')).json).toEqual({ total: 3, count: 3, data: { openid: [EMULATOR_DEFAULT_OPENID, ALICE, BOB] }, next_openid: BOB });
    expect((await get('/cgi-bin/user/get', { next_openid: ALICE })).json).toMatchObject({ count: 1, data: { openid: [BOB] } });
  });

  it('user/info and batchget; 40003 for strangers', async () => {
    const info = (await get('/cgi-bin/user/info', { openid: ALICE, lang: 'en' })).json;
    expect(info).toMatchObject({ subscribe: 1, openid: ALICE, language: 'en', tagid_list: [], subscribe_scene: 'ADD_SCENE_OTHERS' });
    expectError(await get('/cgi-bin/user/info', { openid: 'oStranger' }), 40003, 'invalid openid');
    expectError(await get('/cgi-bin/user/info'), 40003);
    const batch = (await post('/cgi-bin/user/info/batchget', { user_list: [{ openid: ALICE, lang: 'zh_CN' }, { openid: 'oGone' }] })).json;
    expect(batch.user_info_list).toEqual([expect.objectContaining({ openid: ALICE, subscribe: 1 }), { subscribe: 0, openid: 'oGone' }]);
    expectError(await post('/cgi-bin/user/info/batchget', { user_list: [] }), 40097);
  });

  it('updateremark sets a remark under 30 characters', async () => {
    expect((await post('/cgi-bin/user/info/updateremark', { openid: ALICE, remark: 'pangzi' })).json.errcode).toBe(0);
    expect((await get('/cgi-bin/user/info', { openid: ALICE })).json.remark).toBe('pangzi');
    expectError(await post('/cgi-bin/user/info/updateremark', { openid: ALICE, remark: 'x'.repeat(30) }), 40097);
    expectError(await post('/cgi-bin/user/info/updateremark', { openid: 'oX', remark: 'y' }), 40003);
  });

  it('tags: create, tag users, list, match a conditional menu, untag, rename, delete', async () => {
    const created = (await post('/cgi-bin/tags/create', { tag: { name: '广东' } })).json;
    expect(created).toEqual({ tag: { id: 100, name: '广东' } });
    expect((await post('/cgi-bin/tags/members/batchtagging', { openid_list: [ALICE, BOB], tagid: 100 })).json.errcode).toBe(0);
    expect((await post('/cgi-bin/tags/getidlist', { openid: ALICE })).json).toEqual({ tagid_list: [100] });
    expect((await get('/cgi-bin/tags/get')).json.tags).toContainEqual({ id: 100, name: '广东', count: 2 });
    expect((await post('/cgi-bin/user/tag/get', { tagid: 100, next_openid: '' })).json).toEqual({ count: 2, data: { openid: [ALICE, BOB] }, next_openid: BOB });

    await post('/cgi-bin/menu/create', { button: [{ type: 'click', name: 'all', key: 'ALL' }] });
    await post('/cgi-bin/menu/addconditional', { button: [{ type: 'click', name: 'gd', key: 'GD' }], matchrule: { tag_id: '100' } });
    expect((await post('/cgi-bin/menu/trymatch', { user_id: ALICE })).json.button[0].key).toBe('GD');
    expect((await post('/cgi-bin/menu/trymatch', { user_id: EMULATOR_DEFAULT_OPENID })).json.button[0].key).toBe('ALL');

    expect((await post('/cgi-bin/tags/members/batchuntagging', { openid_list: [BOB], tagid: 100 })).json.errcode).toBe(0);
    expect((await post('/cgi-bin/tags/getidlist', { openid: BOB })).json.tagid_list).toEqual([]);
    expect((await post('/cgi-bin/tags/update', { tag: { id: 100, name: '广州' } })).json.errcode).toBe(0);
    expect((await post('/cgi-bin/tags/delete', { tag: { id: 100 } })).json.errcode).toBe(0);
    expect((await post('/cgi-bin/tags/getidlist', { openid: ALICE })).json.tagid_list).toEqual([]);
    expect((await get('/cgi-bin/tags/get')).json.tags.map((t: { id: number }) => t.id)).toEqual([0, 1, 2]);
  });

  it.each([
    ['/cgi-bin/tags/create', { tag: { name: '' } }, 45157],
    ['/cgi-bin/tags/create', { tag: { name: '星标组' } }, 45157],
    ['/cgi-bin/tags/create', { tag: { name: 'x'.repeat(31) } }, 45158],
    ['/cgi-bin/tags/create', {}, 40097],
    ['/cgi-bin/tags/update', { tag: { id: 2, name: 'n' } }, 45058],
    ['/cgi-bin/tags/update', { tag: { id: 555, name: 'n' } }, 45159],
    ['/cgi-bin/tags/delete', { tag: { id: 1 } }, 45058],
    ['/cgi-bin/tags/delete', { tag: { id: 555 } }, 45159],
    ['/cgi-bin/user/tag/get', { tagid: 555 }, 45159],
    ['/cgi-bin/tags/members/batchtagging', { openid_list: [], tagid: 2 }, 40032],
    ['/cgi-bin/tags/members/batchtagging', { openid_list: Array(51).fill(ALICE), tagid: 2 }, 40032],
    ['/cgi-bin/tags/members/batchtagging', { openid_list: [ALICE], tagid: 555 }, 45159],
    ['/cgi-bin/tags/members/batchtagging', { openid_list: ['oStranger'], tagid: 2 }, 40003],
    ['/cgi-bin/tags/getidlist', { openid: 'oStranger' }, 40003],
  ])('%s refuses %j with %i', async (path, body, errcode) => {
    expectError(await post(path, body), errcode);
  });

  it('caps tags at 100 per account and 20 per user', async () => {
    for (let i = 0; i < 100; i++) expect((await post('/cgi-bin/tags/create', { tag: { name: `t${i}` } })).json.tag.id).toBe(100 + i);
    expectError(await post('/cgi-bin/tags/create', { tag: { name: 'one more' } }), 45056);
    for (let i = 0; i < 20; i++) await post('/cgi-bin/tags/members/batchtagging', { openid_list: [ALICE], tagid: 100 + i });
    expectError(await post('/cgi-bin/tags/members/batchtagging', { openid_list: [ALICE], tagid: 120 }), 45059);
    // tagging with a tag the user already has is not a 21st tag
    expect((await post('/cgi-bin/tags/members/batchtagging', { openid_list: [ALICE], tagid: 100 })).json.errcode).toBe(0);
  });
});
