import 'reflect-metadata';
import { Injectable, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { KfService } from '../../lib/api/kf/kf.service.js';
import { KF_LIMITS } from '../../lib/api/kf/kf.dto.js';
import { OnEvent, WechatMessage, WechatMpModule, WechatServices, type KfCloseSessionEvent, type KfCreateSessionEvent } from '../../lib/index.js';
import { WechatEmulator } from '../../lib/testing/index.js';
import { APP, newClient } from './api-test-kit.js';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('KfService (against the emulator)', () => {
  let emu: WechatEmulator;
  let kf: KfService;
  beforeAll(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret, followers: ['oCustomer1', 'oCustomer2'] });
    kf = new KfService(newClient(emu.url).client);
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.clearRequests());

  it('adds, renames, lists and deletes accounts', async () => {
    await kf.addAccount('alice@gh_test', '客服小艾');
    await kf.addAccount('bob@gh_test', 'Bob');
    expect(emu.requests.find((r) => r.path === '/customservice/kfaccount/add')?.body).toEqual({ kf_account: 'alice@gh_test', nickname: '客服小艾' });
    await kf.updateAccount('bob@gh_test', '客服小波');
    const list = await kf.listAccounts();
    expect(list.map((a) => [a.kf_account, a.kf_nick])).toEqual([
      ['alice@gh_test', '客服小艾'],
      ['bob@gh_test', '客服小波'],
    ]);
    expect(list[0]).toMatchObject({ kf_id: expect.any(String), kf_headimgurl: '' });
    await kf.deleteAccount('bob@gh_test');
    expect((await kf.listAccounts()).map((a) => a.kf_account)).toEqual(['alice@gh_test']);
    await expect(kf.addAccount('alice@gh_test', 'again')).rejects.toMatchObject({ errcode: 65406 });
  });

  it('uploads a JPEG head image as multipart with kf_account in the query', async () => {
    await kf.uploadHeadImage('alice@gh_test', { data: JPEG, fileName: 'alice.jpg' });
    const call = emu.requests.at(-1)!;
    expect(call.query.kf_account).toBe('alice@gh_test');
    expect(call.body).toMatchObject({ files: [{ field: 'media', filename: 'alice.jpg', size: JPEG.length }] });
    expect((await kf.listAccounts())[0]?.kf_headimgurl).toMatch(/^http:\/\/mmbiz\.qpic\.cn\//);
  });

  it('invites a worker; the invitation shows in the list until accepted', async () => {
    await kf.inviteWorker('alice@gh_test', 'alice_wx01');
    expect((await kf.listAccounts())[0]).toMatchObject({ invite_wx: 'alice_wx01', invite_status: 'waiting', invite_expire_time: expect.any(Number) });
    await expect(kf.inviteWorker('alice@gh_test', 'alice_wx01')).rejects.toMatchObject({ errcode: 65408 });
    emu.acceptKfInvite('alice@gh_test');
    expect((await kf.listAccounts())[0]).toMatchObject({ kf_wx: 'alice_wx01' });
    await expect(kf.inviteWorker('alice@gh_test', 'alice_wx01')).rejects.toMatchObject({ errcode: 65407 });
  });

  it('creates, reads, lists and closes sessions; lists online workers and waiting customers', async () => {
    emu.addWaitingCustomer('oCustomer2');
    const waiting = await kf.getWaitingCases();
    expect(waiting).toEqual({ count: 1, waitcaselist: [{ latest_time: expect.any(Number), openid: 'oCustomer2' }] });
    await expect(kf.createSession('alice@gh_test', 'oCustomer1')).rejects.toMatchObject({ errcode: 65415 }); // offline
    emu.setKfOnline('alice@gh_test', 1);
    await kf.createSession('alice@gh_test', 'oCustomer1');
    await kf.createSession('alice@gh_test', 'oCustomer2');
    expect((await kf.getWaitingCases()).count).toBe(0);
    expect(await kf.getSession('oCustomer1')).toEqual({ createtime: expect.any(Number), kf_account: 'alice@gh_test' });
    expect((await kf.listSessions('alice@gh_test')).map((s) => s.openid).sort()).toEqual(['oCustomer1', 'oCustomer2']);
    expect(await kf.listOnline()).toEqual([{ kf_account: 'alice@gh_test', status: 1, kf_id: expect.any(String), accepted_case: 2 }]);
    await kf.closeSession('alice@gh_test', 'oCustomer1');
    expect((await kf.getSession('oCustomer1')).kf_account).toBe('');
    await expect(kf.closeSession('alice@gh_test', 'oCustomer1')).rejects.toMatchObject({ errcode: 65413 });
  });

  it('reads chat records page by page, across 24-hour windows', async () => {
    const day = 1_767_225_600; // 2026-01-01T00:00:00Z
    emu.addKfRecords(
      Array.from({ length: 7 }, (_, i) => ({
        openid: 'oCustomer1',
        opercode: i % 2 ? 2002 : 2003,
        text: `记录${i}`,
        time: day + i * 10 * 3600, // every 10 hours: 3 windows
        worker: 'alice@gh_test',
      })),
    );
    const first = await kf.getRecords({ starttime: day, endtime: day + 86_400, number: 2 });
    expect(first).toEqual({
      recordlist: [
        { openid: 'oCustomer1', opercode: 2003, text: '记录0', time: day, worker: 'alice@gh_test' },
        { openid: 'oCustomer1', opercode: 2002, text: '记录1', time: day + 36_000, worker: 'alice@gh_test' },
      ],
      number: 2,
      msgid: 3,
    });
    emu.clearRequests();
    const texts: string[] = [];
    for await (const r of kf.iterateRecords(day, day + 3 * 86_400, 2)) texts.push(r.text);
    expect(texts).toEqual(['记录0', '记录1', '记录2', '记录3', '记录4', '记录5', '记录6']);
    for (const call of emu.requests) {
      const body = call.body as { starttime: number; endtime: number };
      expect(body.endtime - body.starttime).toBeLessThanOrEqual(86_400);
    }
  });

  it('an account the platform does not know is errcode 65401, an unknown customer 40003', async () => {
    await expect(kf.updateAccount('ghost@gh_test', 'x')).rejects.toMatchObject({ errcode: 65401, explanation: { zh: '无效的客服账号' } });
    await expect(kf.deleteAccount('ghost@gh_test')).rejects.toMatchObject({ errcode: 65401 });
    await expect(kf.uploadHeadImage('ghost@gh_test', { data: JPEG, fileName: 'g.jpg' })).rejects.toMatchObject({ errcode: 65401 });
    await expect(kf.inviteWorker('ghost@gh_test', 'ghost_wx01')).rejects.toMatchObject({ errcode: 65401 });
    await expect(kf.createSession('ghost@gh_test', 'oCustomer1')).rejects.toMatchObject({ errcode: 65401 });
    await expect(kf.closeSession('ghost@gh_test', 'oCustomer1')).rejects.toMatchObject({ errcode: 65401 });
    await expect(kf.listSessions('ghost@gh_test')).rejects.toMatchObject({ errcode: 65401 });
    await expect(kf.getSession('oNobody')).rejects.toMatchObject({ errcode: 40003 });
  });

  it('an account without the new customer service gets errcode 65400 on the listings, typed', async () => {
    for (const path of ['/cgi-bin/customservice/getkflist', '/cgi-bin/customservice/getonlinekflist', '/customservice/kfsession/getwaitcase']) {
      emu.faults.inject({ path, kind: 'errcode', errcode: 65400, errmsg: 'please enable new custom service or wait for a while if you have enabled', times: 1 });
    }
    await expect(kf.listAccounts()).rejects.toMatchObject({ errcode: 65400, explanation: { zh: expect.stringContaining('客服') } });
    await expect(kf.listOnline()).rejects.toMatchObject({ errcode: 65400 });
    await expect(kf.getWaitingCases()).rejects.toMatchObject({ errcode: 65400 });
  });

  it('checks the documented limits before the call, naming the field', async () => {
    await expect(kf.addAccount('prefix_is_too_long@gh_test', 'x')).rejects.toMatchObject({ field: 'kf_account' });
    await expect(kf.addAccount('no-at-sign', 'x')).rejects.toMatchObject({ field: 'kf_account' });
    await expect(kf.addAccount('carol@gh_test', '一二三四五六七八九十一二三四五六七')).rejects.toMatchObject({ field: 'nickname' });
    await expect(kf.uploadHeadImage('alice@gh_test', { data: PNG, fileName: 'a.png' })).rejects.toMatchObject({ field: 'media' });
    const big = Buffer.alloc(KF_LIMITS.maxHeadImageBytes + 1);
    JPEG.copy(big);
    await expect(kf.uploadHeadImage('alice@gh_test', { data: big, fileName: 'big.jpg' })).rejects.toMatchObject({ field: 'media' });
    await expect(kf.inviteWorker('alice@gh_test', '1bad')).rejects.toMatchObject({ field: 'invite_wx' });
    await expect(kf.getRecords({ starttime: 1000, endtime: 1000 + 86_401 })).rejects.toMatchObject({ field: 'endtime' });
    await expect(kf.getRecords({ starttime: 1000, endtime: 999 })).rejects.toMatchObject({ field: 'endtime' });
    await expect(kf.getRecords({ starttime: 1000, endtime: 2000, number: 10_001 })).rejects.toMatchObject({ field: 'number' });
    await expect(kf.getRecords({ starttime: 1000, endtime: 2000, msgid: 0 })).rejects.toMatchObject({ field: 'msgid' });
    expect(emu.requests).toHaveLength(0);
  });
});

@Injectable()
class SessionEvents {
  readonly seen: string[] = [];

  @OnEvent('kf_create_session')
  created(@WechatMessage() event: KfCreateSessionEvent): void {
    this.seen.push(`create ${event.FromUserName} ${event.KfAccount}`);
  }

  @OnEvent('kf_close_session')
  closed(@WechatMessage() event: KfCloseSessionEvent): void {
    this.seen.push(`close ${event.FromUserName} ${event.KfAccount}`);
  }
}

describe('customer-service session events pushed to the app (emulator → Nest app)', () => {
  const account = { appId: 'wx00000000000000b2', appSecret: 'kf-app-secret-for-tests-02', token: 'kfEventsToken2' };
  let emu: WechatEmulator;
  let app: INestApplication;

  beforeAll(async () => {
    emu = await WechatEmulator.start({ ...account, followers: ['oCustomer9'] });
    const moduleRef = await Test.createTestingModule({
      imports: [WechatMpModule.forRoot({ ...account, apiBaseUrl: emu.url })],
      providers: [SessionEvents],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    emu.setCallback(`${await app.getUrl()}/wechat`);
  });
  afterAll(async () => {
    await app?.close();
    await emu?.stop();
  });

  it('pushes kf_create_session and kf_close_session when the app opens and closes a session', async () => {
    const kf = app.get(KfService);
    expect(app.get(WechatServices).forAccount().kf).toBeInstanceOf(KfService);
    await kf.addAccount('dora@gh_test', 'Dora');
    await kf.inviteWorker('dora@gh_test', 'dora_wx01');
    emu.acceptKfInvite('dora@gh_test');
    emu.setKfOnline('dora@gh_test', 2);
    await kf.createSession('dora@gh_test', 'oCustomer9');
    await kf.createSession('dora@gh_test', 'oCustomer9'); // already open: no second event
    await kf.closeSession('dora@gh_test', 'oCustomer9');
    await emu.idle();
    const pushed = emu.platformPushes();
    expect(pushed.map((n) => n.event)).toEqual(['kf_create_session', 'kf_close_session']);
    expect(pushed.every((n) => n.delivered && n.result?.status === 200)).toBe(true);
    expect(app.get(SessionEvents).seen).toEqual(['create oCustomer9 dora@gh_test', 'close oCustomer9 dora@gh_test']);
  });
});
