import 'reflect-metadata';
import { Controller, Injectable, Module, Post, UseGuards, UseInterceptors, VersioningType, HttpCode, type INestApplication } from '@nestjs/common';
import { NestFactory, RouterModule } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { OnMessage, OnText, WechatMessage, WechatMpModule, WechatSignatureGuard, WechatXmlInterceptor, type InboundMessage, type TextMessage } from '../../lib/index.js';
import { LogCapture } from '../support/log-capture.js';
import { aesEncrypt, nowSeconds, openEncryptedReply, sha1Sorted, signCallback, xmlField, xmlOf } from '../support/wechat-wire.js';

/** Issue 12: the inbound defects reproduced over HTTP, on both adapters, with plain NestFactory.create apps. */
const account = { appId: 'wxhardening0000001', token: 'hardeningtoken', encodingAESKey: 'SGFyZGVuaW5nQWNjb3VudEtleUZvclRlc3RzMDEyMzQ' };
const OLD_KEY = 'T2xkSGFyZGVuaW5nS2V5QmVmb3JlUm90YXRpb24wMTI';
const bigJson = (from: string, msgId: string) =>
  `{"ToUserName":"gh_h","FromUserName":"${from}","CreateTime":${nowSeconds()},"MsgType":"text","Content":"from ${from}","MsgId":${msgId}}`;

@Injectable()
class Handlers {
  readonly seen: string[] = [];
  @OnText()
  text(@WechatMessage() message: TextMessage): string {
    this.seen.push(`${message.FromUserName}:${message.MsgId}`);
    return message.Content;
  }
  @OnMessage()
  other(@WechatMessage() message: InboundMessage): Promise<null> {
    // Slow on purpose: past the reply deadline, so the pipeline logs the sender's MsgType.
    return new Promise((resolve) => setTimeout(() => resolve(null), 300 + 0 * message.CreateTime.length));
  }
}

@Module({ imports: [WechatMpModule.forRoot({ ...account, previousEncodingAESKey: OLD_KEY, replyDeadlineMs: 100 })], providers: [Handlers] })
class WechatFeature {}

@Module({ imports: [WechatFeature, RouterModule.register([{ path: 'integrations', module: WechatMpModule }])] })
class AppModule {}

describe.each(['express', 'fastify'] as const)('inbound hardening (%s, global prefix + URI versioning + RouterModule)', (adapter) => {
  let app: INestApplication;
  let url: string;
  const logs = new LogCapture();

  beforeAll(async () => {
    app = adapter === 'fastify' ? await NestFactory.create(AppModule, new FastifyAdapter(), { logger: logs }) : await NestFactory.create(AppModule, { logger: logs });
    app.setGlobalPrefix('api');
    app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/api/v1/integrations/wechat`;
  });
  afterAll(() => app?.close());

  it('captures the raw body under all three prefixes: two users whose MsgIds differ beyond 2^53 get their own replies (defect 3)', async () => {
    const handlers = app.get(Handlers);
    const { query } = signCallback(account, '<xml/>', 'plain');
    // requireEncryption is on by default with a key (defect 7): plaintext is refused outright.
    const refused = await fetch(`${url}?${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bigJson('oA', '23942570635195977') });
    expect(refused.status).toBe(401);
    expect(JSON.parse(await refused.text())).toMatchObject({ error: 'encryption_required' });
    // Safe mode in XML carrying the ids; JSON MsgIds must arrive exact too.
    for (const [from, msgId] of [['oUserA', '23942570635195977'], ['oUserB', '23942570635195976']]) {
      const xml = xmlOf({ ToUserName: 'gh_h', FromUserName: from, CreateTime: nowSeconds(), MsgType: 'text', Content: `from ${from}`, MsgId: msgId });
      const { query: q, body } = signCallback(account, xml, 'safe');
      const res = await fetch(`${url}?${q}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
      expect(res.status).toBe(200);
      expect(xmlField(openEncryptedReply(account, await res.text()).xml, 'Content')).toBe(`from ${from}`);
    }
    expect(handlers.seen.slice(-2)).toEqual(['oUserA:23942570635195977', 'oUserB:23942570635195976']);
  });

  it('opens a callback encrypted with the previous EncodingAESKey and seals its reply with that key (rotation)', async () => {
    const xml = xmlOf({ ToUserName: 'gh_h', FromUserName: 'oRotated', CreateTime: nowSeconds(), MsgType: 'text', Content: 'old key', MsgId: '42' });
    const timestamp = nowSeconds();
    const encrypt = aesEncrypt(OLD_KEY, account.appId, xml);
    const query = new URLSearchParams({
      signature: sha1Sorted([account.token, timestamp, '9']),
      timestamp,
      nonce: '9',
      encrypt_type: 'aes',
      msg_signature: sha1Sorted([account.token, timestamp, '9', encrypt]),
    });
    const res = await fetch(`${url}?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>` });
    expect(res.status).toBe(200);
    const reply = await res.text();
    expect(xmlField(openEncryptedReply({ ...account, encodingAESKey: OLD_KEY }, reply).xml, 'Content')).toBe('old key');
  });

  it('quotes a sender-chosen MsgType in the deadline log line: a newline cannot forge a line (defect 11)', async () => {
    const forged = 'x\n[Nest] 1 - LOG [Admin] granted';
    const xml = xmlOf({ ToUserName: 'gh_h', FromUserName: 'oLog', CreateTime: nowSeconds(), MsgType: forged, Foo: 'bar' });
    const { query, body } = signCallback(account, xml, 'safe');
    const res = await fetch(`${url}?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
    expect(res.status).toBe(200);
    const line = logs.lines.find((l) => l.includes('reply deadline'));
    expect(line).toContain(JSON.stringify(forged));
    expect(logs.lines.some((l) => l.startsWith('[Nest] 1'))).toBe(false);
    for (const l of logs.lines) expect(l.split('\n')[0]).not.toMatch(/^\[Nest\] 1 - LOG \[Admin\]/);
  });

  it('maps no /:account route with a single account (404, like any unknown path)', async () => {
    const { query, body } = signCallback(account, xmlOf({ ToUserName: 'gh', FromUserName: 'o', CreateTime: nowSeconds(), MsgType: 'text', Content: 'x', MsgId: '1' }), 'safe');
    const res = await fetch(`${url}/${account.appId}?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
    expect(res.status).toBe(404);
  });

});

@Injectable()
class RouteHandlers {
  @OnText()
  echo(@WechatMessage() message: TextMessage): string {
    return message.Content;
  }
}

@Controller('own')
@UseGuards(WechatSignatureGuard)
class OwnRoute {
  @Post()
  @HttpCode(200)
  @UseInterceptors(WechatXmlInterceptor)
  receive(): string {
    return 'own';
  }
}

@Module({ imports: [WechatMpModule.forRoot({ appId: account.appId, token: account.token, path: false })], controllers: [OwnRoute], providers: [RouteHandlers] })
class OwnRouteModule {}

describe('a route of your own whose body Nest already parsed (no rawBody: true)', () => {
  let app: INestApplication;
  let url: string;
  const logs = new LogCapture();
  beforeAll(async () => {
    app = await NestFactory.create(OwnRouteModule, { logger: logs });
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/own`;
  });
  afterAll(() => app?.close());

  it('refuses the parsed JSON body with 500 body_already_parsed and says how to fix the setup, never re-serializing it (defect 3)', async () => {
    const { query } = signCallback(account, '<xml/>', 'plain');
    const res = await fetch(`${url}?${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bigJson('oP', '23942570635195977') });
    expect(res.status).toBe(500);
    const body = JSON.parse(await res.text());
    expect(body).toMatchObject({ error: 'body_already_parsed' });
    expect(body.message).toContain('rawBody: true');
  });
});
