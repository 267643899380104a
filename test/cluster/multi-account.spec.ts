/**
 * Several accounts in one app, on the shared stores: each account has its own callback path, its own token and
 * dedupe keys in Redis, and its own services, obtained explicitly by name or AppID from `WechatServices`.
 */
import 'reflect-metadata';
import { dedupeKeyOf } from '../../lib/inbound/dedupe-key.js';
import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import {
  ForAccount,
  OnText,
  RedisDedupeStore,
  RedisTokenStore,
  WechatContext,
  WechatMessage,
  WechatMpModule,
  WechatServices,
  type TextMessage,
  type WechatInboundContext,
} from '../../lib/index.js';
import { buildMessage, EMULATOR_DEFAULT_OPENID, WechatEmulator } from '../../lib/testing/index.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

const MAIN = { appId: 'wx00000000000main1', appSecret: 'main-secret-0000000000000000', token: 'maintoken', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' };
const SHOP = { name: 'shop', appId: 'wx00000000000shop1', appSecret: 'shop-secret-0000000000000000', token: 'shoptoken', encodingAESKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkj' };
const PREFIX = 'multi:';

@Injectable()
class Handlers {
  readonly runs: string[] = [];

  @OnText(/^slow$/)
  async slow(@WechatContext() context: WechatInboundContext): Promise<string> {
    this.runs.push(`${context.account.name}:slow`);
    await new Promise((resolve) => setTimeout(resolve, 400));
    return `late from ${context.account.name}`;
  }

  @OnText()
  @ForAccount('shop')
  shop(@WechatMessage() message: TextMessage): string {
    this.runs.push(`shop:${message.MsgId}`);
    return `shop got ${message.Content}`;
  }

  @OnText()
  any(@WechatMessage() message: TextMessage, @WechatContext() context: WechatInboundContext): string {
    this.runs.push(`${context.account.name}:${message.MsgId}`);
    return `${context.account.name} got ${message.Content}`;
  }
}

/** A feature module of the app: it reaches the accounts only through the exported WechatServices. */
@Injectable()
class Reporter {
  constructor(readonly services: WechatServices) {}
}
@Module({ imports: [], providers: [Reporter], exports: [Reporter] })
class ReporterModule {}

describe('several accounts in one app, on Redis', () => {
  let redis: RedisServer;
  let admin: Redis;
  let emu: WechatEmulator;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    redis = await startRedisServer();
    admin = new Redis(redis.url);
    emu = await WechatEmulator.start({ ...MAIN, accounts: [SHOP] });
    const moduleRef = await Test.createTestingModule({
      imports: [
        WechatMpModule.forRoot({
          ...MAIN,
          // Plaintext pushes too (both accounts inherit it); requireEncryption defaults to true with a key.
          requireEncryption: false,
          apiBaseUrl: emu.url,
          replyDeadlineMs: 150,
          accounts: [SHOP],
          tokenStore: new RedisTokenStore({ connection: redis.url, keyPrefix: PREFIX }),
          dedupeStore: new RedisDedupeStore({ connection: redis.url, keyPrefix: PREFIX }),
          isGlobal: true,
        }),
        ReporterModule,
      ],
      providers: [Handlers],
    }).compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    await app.listen(0, '127.0.0.1');
    base = `${await app.getUrl()}/wechat`;
  });
  afterAll(async () => {
    await app?.close();
    await admin?.quit();
    await emu?.stop();
    await redis?.stop();
  });

  it('serves each account at its own path (default at /wechat, others at /wechat/<name> and /wechat/<AppID>)', async () => {
    const handlers = app.get(Handlers);
    const main = await emu.push(base, buildMessage('text', { Content: 'hi', FromUserName: EMULATOR_DEFAULT_OPENID }), { appId: MAIN.appId, mode: 'safe' });
    const byName = await emu.push(`${base}/shop`, buildMessage('text', { Content: 'hi', FromUserName: EMULATOR_DEFAULT_OPENID }), { appId: SHOP.appId, mode: 'safe' });
    const byAppId = await emu.push(`${base}/${SHOP.appId}`, buildMessage('text', { Content: 'yo', FromUserName: EMULATOR_DEFAULT_OPENID }), { appId: SHOP.appId, mode: 'safe' });
    expect([main, byName, byAppId].map((r) => r.error)).toEqual([undefined, undefined, undefined]);
    expect([main, byName, byAppId].map((r) => (r.reply as { reply: { content: string } }).reply.content)).toEqual(['default got hi', 'shop got hi', 'shop got yo']);
    // A shop push signed with the main account's token is refused: the path decides whose token checks it.
    const wrong = await emu.push(`${base}/shop`, buildMessage('text', { Content: 'x' }), { appId: MAIN.appId, maxDeliveries: 1 });
    expect(wrong.status).toBe(401);
    expect(handlers.runs.filter((r) => r.endsWith(':x'))).toHaveLength(0);
  });

  it('keeps dedupe per account: the same MsgId on two accounts runs twice, a retry on one runs once', async () => {
    const handlers = app.get(Handlers);
    const message = buildMessage('text', { Content: 'same id', FromUserName: EMULATOR_DEFAULT_OPENID });
    await emu.push(base, message, { appId: MAIN.appId });
    await emu.push(`${base}/shop`, message, { appId: SHOP.appId });
    await emu.push(`${base}/shop`, message, { appId: SHOP.appId });
    expect(handlers.runs.filter((r) => r.endsWith(message.MsgId))).toEqual([`default:${message.MsgId}`, `shop:${message.MsgId}`]);
    const key = dedupeKeyOf(message);
    expect(await admin.exists(`${PREFIX}dedupe:${MAIN.appId}:${key}`, `${PREFIX}dedupe:${SHOP.appId}:${key}`)).toBe(2);
  });

  it('gives each account its own token, obtained explicitly through the exported WechatServices', async () => {
    const services = app.get(Reporter).services;
    const [mainIps, shopIps] = await Promise.all([services.forAccount().basic.getApiDomainIp(), services.forAccount('shop').basic.getApiDomainIp()]);
    expect(mainIps.length).toBeGreaterThan(0);
    expect(shopIps.length).toBeGreaterThan(0);
    expect(services.forAccount(SHOP.appId)).toBe(services.forAccount('shop'));
    expect(services.forAccount('default')).toBe(services.forAccount());
    expect(emu.tokenFetches(MAIN.appId)).toBe(1);
    expect(emu.tokenFetches(SHOP.appId)).toBe(1);
    const [mainToken, shopToken] = await Promise.all([admin.get(`${PREFIX}token:${MAIN.appId}`), admin.get(`${PREFIX}token:${SHOP.appId}`)]);
    expect(JSON.parse(mainToken!).accessToken).not.toBe(JSON.parse(shopToken!).accessToken);
    expect(() => services.forAccount('nope')).toThrow(/no account is registered under the name or AppID "nope"/);
  });

  it('sends a late reply through the customer-service API of the account the message came to', async () => {
    const mainBefore = emu.sentMessages(MAIN.appId).length;
    const shopBefore = emu.sentMessages(SHOP.appId).length;
    const pushed = await emu.push(`${base}/shop`, buildMessage('text', { Content: 'slow', FromUserName: EMULATOR_DEFAULT_OPENID }), { appId: SHOP.appId });
    expect(pushed.reply).toBe('success');
    const deadline = Date.now() + 5_000;
    while (emu.sentMessages(SHOP.appId).length === shopBefore && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(emu.sentMessages(SHOP.appId).slice(shopBefore)).toEqual([
      expect.objectContaining({ kind: 'custom', to: EMULATOR_DEFAULT_OPENID, body: expect.objectContaining({ text: { content: 'late from shop' } }) }),
    ]);
    expect(emu.sentMessages(MAIN.appId)).toHaveLength(mainBefore);
  });
});
