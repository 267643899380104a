import { BlacklistService } from '../../lib/api/user/blacklist.service.js';
import { TagService } from '../../lib/api/user/tag.service.js';
import { UserService } from '../../lib/api/user/user.service.js';
import { WechatApiError } from '../../lib/errors/wechat-api.error.js';
import { WechatValidationError } from '../../lib/errors/wechat-validation.error.js';
import { EMULATOR_DEFAULT_OPENID, WechatEmulator } from '../../lib/testing/index.js';
import { APP, newClient } from './api-test-kit.js';

const ALICE = 'oAlice0000000000000000000001';
const BOB = 'oBob00000000000000000000000002';
const OLD_APP = { appId: 'wx00000000000000b2', appSecret: 'old-account-secret-for-tests-0002' };
/** `n` made-up OpenIDs, 28 characters like WeChat's. */
const ids = (n: number, prefix = 'oF') => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(26, '0')}`);

async function validationError(promise: Promise<unknown>): Promise<WechatValidationError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(WechatValidationError);
  return error as WechatValidationError;
}

describe('UserService, TagService, BlacklistService (against the emulator)', () => {
  let emu: WechatEmulator;
  let users: UserService;
  let tags: TagService;
  let blacklist: BlacklistService;
  const FOLLOWERS = ids(240);

  beforeAll(async () => {
    emu = await WechatEmulator.start({
      appId: APP.appId,
      appSecret: APP.appSecret,
      accounts: [OLD_APP],
      followers: [{ openid: ALICE, subscribeTime: 1_700_000_000, remark: '老客户', tags: ['VIP'] }, BOB, ...FOLLOWERS],
    });
    const { client } = newClient(emu.url);
    users = new UserService(client);
    tags = new TagService(client);
    blacklist = new BlacklistService(client);
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.clearRequests());
  const calls = (path: string) => emu.requests.filter((r) => r.path === path);

  describe('users', () => {
    it('reads one follower, in the language asked for', async () => {
      const info = await users.getInfo(ALICE, 'en');
      expect(info).toMatchObject({ subscribe: 1, openid: ALICE, subscribe_time: 1_700_000_000, remark: '老客户', tagid_list: [expect.any(Number)] });
      expect(calls('/cgi-bin/user/info')[0]!.query).toMatchObject({ openid: ALICE, lang: 'en' });
    });

    it('surfaces 40003 for someone who does not follow, and refuses a language WeChat does not have', async () => {
      await expect(users.getInfo('oStranger')).rejects.toMatchObject({ code: 'WECHAT_API_ERROR', errcode: 40003, path: '/cgi-bin/user/info' });
      expect((await validationError(users.getInfo(ALICE, 'fr' as never))).field).toBe('lang');
    });

    it('batch-reads any number of users, 100 per call, in order', async () => {
      const wanted = [...FOLLOWERS.slice(0, 229), 'oGone'];
      const infos = await users.batchGetInfo(wanted, 'zh_CN');
      expect(infos.map((i) => i.openid)).toEqual(wanted);
      expect(infos.at(-1)).toEqual({ subscribe: 0, openid: 'oGone' });
      expect(calls('/cgi-bin/user/info/batchget').map((r) => (r.body as { user_list: unknown[] }).user_list.length)).toEqual([100, 100, 30]);
    });

    it('refuses a bad batch before any call, naming the entry in the whole list', async () => {
      const list = [...FOLLOWERS.slice(0, 150), 42 as unknown as string];
      expect((await validationError(users.batchGetInfo(list))).field).toBe('user_list[150].openid');
      expect((await validationError(users.batchGetInfo([]))).field).toBe('user_list');
      expect(calls('/cgi-bin/user/info/batchget')).toHaveLength(0);
    });

    it('lists followers page by page, and iterates over all of them', async () => {
      const page = await users.listFollowers();
      expect(page).toMatchObject({ total: 243, count: 243, next_openid: FOLLOWERS.at(-1) });
      const all: string[] = [];
      for await (const openid of users.iterateFollowers()) all.push(openid);
      expect(all).toEqual([EMULATOR_DEFAULT_OPENID, ALICE, BOB, ...FOLLOWERS]);
      await expect(users.listFollowers('oNotACursor')).rejects.toMatchObject({ errcode: 40003 });
    });

    it('sets and clears a remark; 40003 for a stranger, 30 characters refused before sending', async () => {
      await users.updateRemark(BOB, '同事');
      expect((await users.getInfo(BOB)).remark).toBe('同事');
      await users.updateRemark(BOB, '');
      expect((await users.getInfo(BOB)).remark).toBe('');
      await expect(users.updateRemark('oStranger', 'x')).rejects.toMatchObject({ errcode: 40003 });
      expect((await validationError(users.updateRemark(BOB, '字'.repeat(30)))).field).toBe('remark');
    });

    it('converts OpenIDs of a migrated account, 100 per call', async () => {
      const old = [...FOLLOWERS.slice(0, 149), 'oNeverFollowedTheOldOne'];
      const results = await users.changeOpenid(OLD_APP.appId, old);
      expect(results).toHaveLength(150);
      expect(results[0]).toEqual({ ori_openid: FOLLOWERS[0], new_openid: expect.stringMatching(/^o[\w-]{27}$/), err_msg: 'ok' });
      expect(results.at(-1)).toEqual({ ori_openid: 'oNeverFollowedTheOldOne', err_msg: 'ori_openid error' });
      expect(calls('/cgi-bin/changeopenid').map((r) => (r.body as { openid_list: unknown[] }).openid_list.length)).toEqual([100, 50]);
      await expect(users.changeOpenid('wxNotAnAccount', [ALICE])).rejects.toMatchObject({ errcode: 63178 });
      expect((await validationError(users.changeOpenid('', [ALICE]))).field).toBe('from_appid');
    });
  });

  describe('tags', () => {
    it('creates, lists, renames and deletes a tag', async () => {
      const tag = await tags.create('新客');
      expect(tag).toEqual({ id: expect.any(Number), name: '新客' });
      expect(await tags.list()).toEqual(expect.arrayContaining([{ id: tag.id, name: '新客', count: 0 }, { id: 2, name: '星标组', count: 0 }]));
      await tags.update(tag.id, '新客户');
      expect((await tags.list()).find((t) => t.id === tag.id)?.name).toBe('新客户');
      await tags.delete(tag.id);
      expect((await tags.list()).some((t) => t.id === tag.id)).toBe(false);
      await expect(tags.delete(tag.id)).rejects.toMatchObject({ errcode: 45159 });
    });

    it('surfaces WeChat\'s refusals: a duplicate name (45157), a system tag (45058)', async () => {
      await tags.create('重复');
      await expect(tags.create('重复')).rejects.toMatchObject({ errcode: 45157, explanation: { zh: expect.stringContaining('标签名') } });
      await expect(tags.update(2, '改名')).rejects.toMatchObject({ errcode: 45058 });
    });

    it('refuses a 31-character name or a fractional id before sending', async () => {
      expect((await validationError(tags.create('x'.repeat(31)))).field).toBe('tag.name');
      expect((await validationError(tags.update(1.5, 'x'))).field).toBe('tag.id');
      expect(calls('/cgi-bin/tags/create')).toHaveLength(0);
    });

    it('tags 120 followers in calls of 50, reads a follower\'s tags, lists and iterates a tag\'s followers, untags', async () => {
      const tag = await tags.create('活动');
      const members = FOLLOWERS.slice(0, 120);
      await tags.tagUsers(tag.id, members);
      expect(calls('/cgi-bin/tags/members/batchtagging').map((r) => (r.body as { openid_list: unknown[] }).openid_list.length)).toEqual([50, 50, 20]);
      expect(await tags.getUserTagIds(members[7]!)).toEqual([tag.id]);
      expect(await tags.listUsers(tag.id)).toMatchObject({ count: 120, next_openid: members.at(-1) });
      const all: string[] = [];
      for await (const openid of tags.iterateUsers(tag.id)) all.push(openid);
      expect(all).toEqual(members);
      await tags.untagUsers(tag.id, members.slice(0, 60));
      expect((await tags.listUsers(tag.id)).count).toBe(60);
      expect(emu.followerTags(members[0]!)).toEqual([]);
      expect(emu.followerTags(members[119]!)).toEqual(['活动']);
    });

    it('refuses an empty or malformed member list before sending; 40003 for a stranger', async () => {
      expect((await validationError(tags.tagUsers(100, []))).field).toBe('openid_list');
      expect(await validationError(tags.tagUsers(100, [...FOLLOWERS.slice(0, 70), '']))).toMatchObject({
        field: 'openid_list',
        reason: expect.stringContaining('each value'),
      });
      expect(calls('/cgi-bin/tags/members/batchtagging')).toHaveLength(0);
      const tag = await tags.create('陌生人');
      await expect(tags.tagUsers(tag.id, ['oStranger'])).rejects.toMatchObject({ errcode: 40003 });
      await expect(tags.getUserTagIds('oStranger')).rejects.toMatchObject({ errcode: 40003 });
      await expect(tags.listUsers(999_999)).rejects.toMatchObject({ errcode: 45159 });
    });
  });

  describe('blacklist', () => {
    it('blocks 45 users in calls of 20, lists and iterates them, unblocks', async () => {
      const blocked = FOLLOWERS.slice(100, 145);
      await blacklist.add(blocked);
      expect(calls('/cgi-bin/tags/members/batchblacklist').map((r) => (r.body as { openid_list: unknown[] }).openid_list.length)).toEqual([20, 20, 5]);
      expect(await blacklist.list()).toMatchObject({ total: 45, count: 45, next_openid: blocked.at(-1) });
      const all: string[] = [];
      for await (const openid of blacklist.iterate()) all.push(openid);
      expect(all).toEqual(blocked);
      await blacklist.remove(blocked.slice(0, 40));
      expect(emu.blacklist()).toEqual(blocked.slice(40));
      await blacklist.remove(blocked.slice(40));
      expect((await blacklist.list()).count).toBe(0);
    });

    it('surfaces 49003 for someone who is not the account\'s user; refuses an empty list before sending', async () => {
      await expect(blacklist.add(['oSomeoneElsesUser'])).rejects.toMatchObject({ errcode: 49003, path: '/cgi-bin/tags/members/batchblacklist' });
      expect((await validationError(blacklist.remove([]))).field).toBe('openid_list');
      await expect(blacklist.list('oNotOnTheList')).rejects.toBeInstanceOf(WechatApiError);
    });
  });
});
