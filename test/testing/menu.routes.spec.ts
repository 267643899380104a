import { EMULATOR_DEFAULT_OPENID, WechatEmulator } from '../../lib/testing/index.js';
import { APP, call, expectError, fetchToken } from './emulator-helpers.js';

const SAMPLE_MENU = {
  button: [
    { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
    {
      name: '菜单',
      sub_button: [
        { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
        { type: 'miniprogram', name: 'wxa', url: 'http://mp.weixin.qq.com', appid: 'wx286b93c14bbf93aa', pagepath: 'pages/lunar/index' },
        { type: 'click', name: '赞一下我们', key: 'V1001_GOOD' },
      ],
    },
    { type: 'scancode_push', name: '扫码', key: 'rselfmenu_0_1' },
  ],
};

const leaf = (patch: Record<string, unknown>) => ({ button: [{ type: 'click', name: 'ok', key: 'K', ...patch }] });
const sub = (patch: Record<string, unknown>) => ({
  button: [{ name: 'top', sub_button: [{ type: 'click', name: 'ok', key: 'K', ...patch }] }],
});

describe('emulator: custom menus', () => {
  let emu: WechatEmulator;
  let token: string;
  beforeEach(async () => {
    emu = await WechatEmulator.start({ ...APP });
    token = await fetchToken(emu);
  });
  afterEach(() => emu.stop());

  const post = (path: string, json: unknown) => call(emu, 'POST', path, { token, json });
  const get = (path: string) => call(emu, 'GET', path, { token });

  it('creates a menu that menu/get returns, with sub_button arrays filled in', async () => {
    const res = await post('/cgi-bin/menu/create', SAMPLE_MENU);
    expect(res.json).toEqual({ errcode: 0, errmsg: 'ok' });
    const menu = (await get('/cgi-bin/menu/get')).json;
    expect(menu.menu.button[0]).toEqual({ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC', sub_button: [] });
    expect(menu.menu.button[1].sub_button).toHaveLength(3);
    expect(menu.menu.button[1].sub_button[1]).toMatchObject({ type: 'miniprogram', appid: 'wx286b93c14bbf93aa' });
    expect(emu.menu()).toEqual(menu.menu);
  });

  it('menu/get without a menu answers 46003; menu/delete removes it', async () => {
    expectError(await get('/cgi-bin/menu/get'), 46003, 'menu no exist');
    await post('/cgi-bin/menu/create', SAMPLE_MENU);
    expect((await get('/cgi-bin/menu/delete')).json).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(emu.menu()).toBeNull();
    expectError(await get('/cgi-bin/menu/get'), 46003);
  });

  it.each([
    ['no buttons', { button: [] }, 40016],
    ['button not an array', { button: 'x' }, 40016],
    ['4 buttons', { button: [1, 2, 3, 4].map((i) => ({ type: 'click', name: `b${i}`, key: `k${i}` })) }, 40016],
    ['bad type', leaf({ type: 'tap' }), 40017],
    ['name over 16 bytes', leaf({ name: '一二三四五六' }), 40018],
    ['empty name', leaf({ name: '' }), 40018],
    ['click without key', leaf({ key: undefined }), 40019],
    ['key over 128 bytes', leaf({ key: 'k'.repeat(129) }), 40019],
    ['view url over 1024 bytes', leaf({ type: 'view', key: undefined, url: `http://a.cn/${'x'.repeat(1020)}` }), 40020],
    ['view url not http', leaf({ type: 'view', url: 'ftp://a.cn' }), 40055],
    ['button without type or sub_button', { button: [{ name: 'empty' }] }, 65308],
    ['6 sub buttons', { button: [{ name: 't', sub_button: [1, 2, 3, 4, 5, 6].map((i) => ({ type: 'click', name: `s${i}`, key: 'k' })) }] }, 40023],
    ['bad sub type', sub({ type: 'tap' }), 40024],
    ['sub name over 60 bytes', sub({ name: 'x'.repeat(61) }), 40025],
    ['sub key over 128 bytes', sub({ key: 'k'.repeat(129) }), 40026],
    ['sub url over 1024 bytes', sub({ type: 'view', url: `http://a.cn/${'x'.repeat(1020)}` }), 40027],
    ['sub url not http', sub({ type: 'view', url: 'javascript:alert(1)' }), 40054],
    ['media_id button without media_id', leaf({ type: 'media_id' }), 40007],
    ['miniprogram without appid', leaf({ type: 'miniprogram', url: 'http://a.cn', pagepath: 'p' }), 40097],
  ])('menu/create refuses %s with %i', async (_name, body, errcode) => {
    expectError(await post('/cgi-bin/menu/create', body), errcode);
    expect(emu.menu()).toBeNull();
  });

  it('accepts a 16-byte name and a 60-byte sub name exactly at the limit', async () => {
    const body = { button: [{ name: '一二三四五x', sub_button: [{ type: 'click', name: 'y'.repeat(60), key: 'k' }] }] };
    // '一二三四五x' is 16 bytes in UTF-8
    expect((await post('/cgi-bin/menu/create', body)).json.errcode).toBe(0);
  });

  it('refuses \\uXXXX escapes (40033) and malformed JSON (47001)', async () => {
    const escaped = JSON.stringify(leaf({ name: 'x' })).replace('"x"', '"\\u4eca"');
    expectError(await call(emu, 'POST', '/cgi-bin/menu/create', { token, raw: escaped }), 40033);
    expectError(await call(emu, 'POST', '/cgi-bin/menu/create', { token, raw: '{"button":' }), 47001);
  });

  it('get_current_selfmenu_info reports the API menu with sub-buttons under list', async () => {
    expect((await get('/cgi-bin/get_current_selfmenu_info')).json).toEqual({ is_menu_open: 0 });
    await post('/cgi-bin/menu/create', SAMPLE_MENU);
    const info = (await get('/cgi-bin/get_current_selfmenu_info')).json;
    expect(info.is_menu_open).toBe(1);
    expect(info.selfmenu_info.button[0]).toEqual({ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' });
    expect(info.selfmenu_info.button[1].sub_button.list[0]).toEqual({ type: 'view', name: '搜索', url: 'http://www.soso.com/' });
  });

  describe('conditional menus', () => {
    const conditional = { button: [{ type: 'click', name: 'vip', key: 'VIP' }], matchrule: { tag_id: '2' } };

    it('needs a default menu first (65303)', async () => {
      expectError(await post('/cgi-bin/menu/addconditional', conditional), 65303, 'there is no selfmenu, please create selfmenu first');
    });

    it('adds, lists, matches and deletes', async () => {
      await post('/cgi-bin/menu/create', SAMPLE_MENU);
      const added = await post('/cgi-bin/menu/addconditional', conditional);
      expect(added.json.menuid).toMatch(/^\d+$/);
      const listed = (await get('/cgi-bin/menu/get')).json;
      expect(listed.conditionalmenu).toEqual([
        { button: [{ type: 'click', name: 'vip', key: 'VIP', sub_button: [] }], matchrule: { tag_id: '2' }, menuid: Number(added.json.menuid) },
      ]);
      // the default follower has no tag 2, so it sees the default menu
      const matched = await post('/cgi-bin/menu/trymatch', { user_id: EMULATOR_DEFAULT_OPENID });
      expect(matched.json.button[0].key).toBe('V1001_TODAY_MUSIC');
      expect((await post('/cgi-bin/menu/delconditional', { menuid: added.json.menuid })).json.errcode).toBe(0);
      expect(emu.conditionalMenus()).toEqual([]);
      expectError(await post('/cgi-bin/menu/delconditional', { menuid: added.json.menuid }), 65301);
    });

    it.each([
      ['no matchrule', { button: conditional.button }, 65304],
      ['empty matchrule', { ...conditional, matchrule: {} }, 65304],
      ['province without country', { ...conditional, matchrule: { province: '广东' } }, 65310],
      ['city without province', { ...conditional, matchrule: { country: '中国', city: '广州' } }, 65311],
      ['no button', { matchrule: { tag_id: '2' } }, 65307],
      ['invalid button', { ...conditional, button: [] }, 40016],
    ])('addconditional refuses %s with %i', async (_name, body, errcode) => {
      await post('/cgi-bin/menu/create', SAMPLE_MENU);
      expectError(await post('/cgi-bin/menu/addconditional', body), errcode);
    });

    it('trymatch: unknown user 65302, no menu 46003', async () => {
      expectError(await post('/cgi-bin/menu/trymatch', { user_id: 'oNobody' }), 65302);
      expectError(await post('/cgi-bin/menu/trymatch', { user_id: EMULATOR_DEFAULT_OPENID }), 46003);
    });
  });
});
