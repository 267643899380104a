import { MenuService } from '../../lib/api/menu/menu.service.js';
import type { MenuDefinition } from '../../lib/api/menu/menu.types.js';
import { WechatApiError } from '../../lib/errors/wechat-api.error.js';
import { WechatValidationError } from '../../lib/errors/wechat-validation.error.js';
import { EMULATOR_DEFAULT_OPENID, WechatEmulator } from '../../lib/testing/index.js';
import { APP, newClient } from './api-test-kit.js';

const OPENID = EMULATOR_DEFAULT_OPENID;

/** One menu using every documented button type. */
const FULL_MENU: MenuDefinition = {
  button: [
    { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
    {
      name: '扫码拍照',
      sub_button: [
        { type: 'scancode_push', name: '扫码推事件', key: 'rselfmenu_0_1' },
        { type: 'scancode_waitmsg', name: '扫码带提示', key: 'rselfmenu_0_0' },
        { type: 'pic_sysphoto', name: '系统拍照发图', key: 'rselfmenu_1_0' },
        { type: 'pic_photo_or_album', name: '拍照或者相册发图', key: 'rselfmenu_1_1' },
        { type: 'pic_weixin', name: '微信相册发图', key: 'rselfmenu_1_2' },
      ],
    },
    {
      name: '更多',
      sub_button: [
        { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
        { type: 'location_select', name: '发送位置', key: 'rselfmenu_2_0' },
        { type: 'media_id', name: '图片', media_id: 'MEDIA_ID1' },
        { type: 'article_id', name: '文章', article_id: 'ARTICLE_ID1' },
        { type: 'miniprogram', name: 'wxa', url: 'http://mp.weixin.qq.com', appid: 'wx286b93c14bbf93aa', pagepath: 'pages/lunar/index' },
      ],
    },
  ],
};

const leaf = (extra: Record<string, unknown>) => ({ type: 'click', name: 'A', key: 'K', ...extra });
const repeat = (char: string, n: number) => char.repeat(n);

describe('MenuService (against the emulator)', () => {
  let emu: WechatEmulator;
  let menus: MenuService;
  beforeAll(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret });
    menus = new MenuService(newClient(emu.url).client);
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.clearRequests());

  it('creates a menu with every button type, reads it back, then deletes it', async () => {
    await menus.create(FULL_MENU);
    expect(emu.menu()).toMatchObject({ button: [{ type: 'click', key: 'V1001_TODAY_MUSIC' }, { name: '扫码拍照' }, { name: '更多' }] });
    const read = await menus.get();
    expect(read.menu.button).toHaveLength(3);
    expect(read.menu.button[2]).toMatchObject({ name: '更多', sub_button: [{ type: 'view', url: 'http://www.soso.com/' }, {}, {}, {}, {}] });
    const live = await menus.getCurrentSelfMenuInfo();
    expect(live.is_menu_open).toBe(1);
    expect(live.selfmenu_info?.button).toHaveLength(3);
    await menus.delete();
    expect(emu.menu()).toBeNull();
    const error = await menus.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatApiError);
    expect(error).toMatchObject({ errcode: 46003, path: '/cgi-bin/menu/get' });
    expect((await menus.getCurrentSelfMenuInfo()).is_menu_open).toBe(0);
  });

  it('accepts names at exactly the byte limits (16 top-level, 60 sub-button)', async () => {
    await menus.create({
      button: [
        { type: 'click', name: repeat('a', 16), key: repeat('k', 128) },
        { name: '四个汉字', sub_button: [{ type: 'view', name: repeat('中', 20), url: `https://a.example/${repeat('x', 1024 - 18)}` }] },
      ],
    });
    expect(emu.requests.filter((r) => r.path === '/cgi-bin/menu/create').map((r) => r.errcode)).toEqual([0]);
  });

  it.each([
    ['no buttons', { button: [] }, 'button'],
    ['4 top-level buttons', { button: [leaf({}), leaf({}), leaf({}), leaf({})] }, 'button'],
    ['6 sub-buttons', { button: [{ name: 'M', sub_button: Array.from({ length: 6 }, () => leaf({})) }] }, 'button[0].sub_button'],
    ['an 18-byte top-level name (6 汉字)', { button: [leaf({ name: '六个汉字不行' })] }, 'button[0].name'],
    ['a 61-byte sub-button name', { button: [{ name: 'M', sub_button: [leaf({}), leaf({ name: repeat('a', 61) })] }] }, 'button[0].sub_button[1].name'],
    ['a 129-byte key', { button: [leaf({ key: repeat('k', 129) })] }, 'button[0].key'],
    ['a 1025-byte url', { button: [{ name: 'M', sub_button: [{ type: 'view', name: 'v', url: `https://a.example/${repeat('x', 1025 - 18)}` }] }] }, 'button[0].sub_button[0].url'],
    ['a click without key', { button: [{ type: 'click', name: 'A' }] }, 'button[0].key'],
    ['a view without url', { button: [{ name: 'M', sub_button: [leaf({}), { type: 'view', name: 'v' }] }] }, 'button[0].sub_button[1].url'],
    ['a view with a non-web url', { button: [{ type: 'view', name: 'v', url: 'ftp://a.example/' }] }, 'button[0].url'],
    ['an unknown type', { button: [{ type: 'share', name: 'A', key: 'K' }] }, 'button[0].type'],
    ['a miniprogram without appid', { button: [{ type: 'miniprogram', name: 'm', url: 'http://a.example', pagepath: 'p' }] }, 'button[0].appid'],
    ['a media_id button without media_id', { button: [{ type: 'media_id', name: 'm' }] }, 'button[0].media_id'],
    ['an article_id button without article_id', { button: [{ type: 'article_view_limited', name: 'm' }] }, 'button[0].article_id'],
    ['a third level', { button: [{ name: 'M', sub_button: [{ ...leaf({}), sub_button: [leaf({})] }] }] }, 'button[0].sub_button[0].sub_button'],
    ['a button with neither type nor sub-buttons', { button: [{ name: 'M' }] }, 'button[0].type'],
  ])('refuses %s before sending, naming the field', async (_label, menu, field) => {
    const error = await menus.create(menu as unknown as MenuDefinition).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatValidationError);
    expect((error as WechatValidationError).field).toBe(field);
    expect(emu.requests.filter((r) => r.path === '/cgi-bin/menu/create')).toHaveLength(0);
  });

  it('adds, matches and deletes a conditional menu', async () => {
    await menus.create({ button: [{ type: 'click', name: '默认', key: 'DEFAULT' }] });
    const menuId = await menus.addConditional({
      button: [{ type: 'click', name: '男性', key: 'MALE' }],
      matchrule: { sex: '1', country: '中国', province: '广东' },
    });
    expect(menuId).toMatch(/^\d+$/);
    expect(emu.conditionalMenus()).toMatchObject([{ menuid: menuId, matchrule: { sex: '1', country: '中国' } }]);
    const matched = await menus.tryMatch(OPENID);
    expect(matched.button[0]).toMatchObject({ type: 'click' });
    const all = await menus.get();
    expect(all.conditionalmenu?.map((m) => String(m.menuid))).toEqual([menuId]);
    await menus.deleteConditional(menuId);
    expect(emu.conditionalMenus()).toEqual([]);
    await expect(menus.deleteConditional(menuId)).rejects.toBeInstanceOf(WechatApiError);
  });

  it.each([
    ['an empty match rule', {}, 'matchrule'],
    ['a province without its country', { province: '广东' }, 'matchrule.country'],
    ['a city without its province', { country: '中国', city: '广州' }, 'matchrule.province'],
  ])('refuses a conditional menu with %s', async (_label, matchrule, field) => {
    const error = await menus
      .addConditional({ button: [{ type: 'click', name: 'A', key: 'K' }], matchrule })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'WECHAT_VALIDATION_ERROR', field });
    expect(emu.requests.filter((r) => r.path === '/cgi-bin/menu/addconditional')).toHaveLength(0);
  });

  it('tryMatch surfaces WeChat\'s error for someone who does not follow the account', async () => {
    await expect(menus.tryMatch('oNotAFollower')).rejects.toMatchObject({ code: 'WECHAT_API_ERROR', path: '/cgi-bin/menu/trymatch' });
  });
});
