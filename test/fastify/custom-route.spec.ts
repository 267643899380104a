import 'reflect-metadata';
import { Controller, Get, HttpCode, Injectable, Post, Req, UseGuards, UseInterceptors, type INestApplication } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import {
  OnText,
  WechatInboundService,
  WechatMessage,
  WechatMpModule,
  WechatSignatureGuard,
  WechatXmlInterceptor,
  type HttpRequestLike,
  type TextMessage,
} from '../../lib/index.js';
import { LogCapture } from '../support/log-capture.js';
import { findSecrets } from '../support/test-secrets.js';
import { nowSeconds, openEncryptedReply, sha1Sorted, signCallback, xmlField, xmlOf } from '../support/wechat-wire.js';

/**
 * `path: false` and a route of one's own with WechatSignatureGuard + WechatXmlInterceptor, on both adapters: the
 * guard refuses, the interceptor opens the callback and seals whatever the route returns. On Fastify this also
 * covers the raw-body capture outside the built-in route (XML has no Fastify parser by default).
 */
const account = { appId: 'wxcustomroute00001', appSecret: 'custom-route-app-secret-0000', token: 'customroutetoken', encodingAESKey: 'Q3VzdG9tUm91dGVLZXlGb3JHdWFyZEFuZEljcHQwMTI' };

@Injectable()
class Handlers {
  runs = 0;
  @OnText()
  echo(@WechatMessage() message: TextMessage): string {
    this.runs++;
    return `custom: ${message.Content}`;
  }
}

@Controller('hooks/wechat')
@UseGuards(WechatSignatureGuard)
class CustomCallbackController {
  constructor(private readonly inbound: WechatInboundService) {}

  @Get()
  handshake(): string {
    return 'verified';
  }

  // Nest answers POST with 201 unless told otherwise; WeChat expects 200.
  @Post()
  @HttpCode(200)
  @UseInterceptors(WechatXmlInterceptor)
  receive(): string {
    return 'route reply';
  }

  // The README's recipe: the app's @OnText()… handlers answer, with dedupe and the reply deadline.
  @Post('handlers')
  @HttpCode(200)
  @UseInterceptors(WechatXmlInterceptor)
  async handlers(@Req() req: HttpRequestLike) {
    return this.inbound.handle(await this.inbound.open(req));
  }

  @Post('empty')
  @HttpCode(200)
  @UseInterceptors(WechatXmlInterceptor)
  empty(): void {}

  @Post('fails')
  @HttpCode(200)
  @UseInterceptors(WechatXmlInterceptor)
  fails(): never {
    throw new Error('route failed on purpose');
  }
}

describe.each(['express', 'fastify'] as const)('WechatSignatureGuard + WechatXmlInterceptor on a route of your own (%s)', (adapter) => {
  let app: INestApplication;
  let base: string;
  const logs = new LogCapture();

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [WechatMpModule.forRoot({ ...account, requireEncryption: false, path: false })],
      controllers: [CustomCallbackController],
      providers: [Handlers],
    }).compile();
    app = adapter === 'fastify' ? moduleRef.createNestApplication(new FastifyAdapter(), { logger: logs }) : moduleRef.createNestApplication({ logger: logs });
    if (adapter === 'fastify') {
      // Without the built-in route nothing registers an XML parser: the app does, as it would for any XML route.
      (app.getHttpAdapter().getInstance() as { addContentTypeParser: (t: string[], o: object, p: (r: unknown, b: string, d: (e: null, v: string) => void) => void) => void })
        .addContentTypeParser(['text/xml'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
    }
    await app.listen(0, '127.0.0.1');
    base = `${await app.getUrl()}/hooks/wechat`;
  });
  afterAll(() => app.close());

  let msgId = 1;
  const text = (content: string, id = String(msgId++)) =>
    xmlOf({ ToUserName: 'gh_custom', FromUserName: 'oCustomUser', CreateTime: nowSeconds(), MsgType: 'text', Content: content, MsgId: id });
  const post = async (path: string, mode: 'plain' | 'safe', content = 'hi', xml = text(content)) => {
    const { query, body } = signCallback(account, xml, mode);
    const res = await fetch(`${base}${path}?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
    return { status: res.status, body: await res.text(), type: res.headers.get('content-type') ?? '' };
  };

  it('lets a signed handshake through and refuses a bad one with 401', async () => {
    const timestamp = nowSeconds();
    const good = await fetch(`${base}?${new URLSearchParams({ signature: sha1Sorted([account.token, timestamp, '1']), timestamp, nonce: '1', echostr: 'e' })}`);
    expect(await good.text()).toBe('verified');
    const bad = await fetch(`${base}?${new URLSearchParams({ signature: 'f'.repeat(40), timestamp, nonce: '1', echostr: 'e' })}`);
    expect(bad.status).toBe(401);
  });

  it.each(['plain', 'safe'] as const)('seals the route’s return value as a text reply (%s)', async (mode) => {
    const res = await post('', mode);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/xml/);
    const xml = mode === 'plain' ? res.body : openEncryptedReply(account, res.body).xml;
    expect(xmlField(xml, 'Content')).toBe('route reply');
    expect(xmlField(xml, 'ToUserName')).toBe('oCustomUser');
  });

  it.each(['plain', 'safe'] as const)('runs the app’s handlers through inbound.handle(), once per message (%s)', async (mode) => {
    const handlers = app.get(Handlers);
    const before = handlers.runs;
    const xml = text(`hello ${mode}`);
    const first = await post('/handlers', mode, undefined, xml);
    const retry = await post('/handlers', mode, undefined, xml); // WeChat's retry: the same MsgId
    for (const res of [first, retry]) {
      expect(res.status).toBe(200);
      const reply = mode === 'plain' ? res.body : openEncryptedReply(account, res.body).xml;
      expect(xmlField(reply, 'Content')).toBe(`custom: hello ${mode}`);
    }
    expect(handlers.runs - before).toBe(1);
  });

  it('answers success for a route that returns nothing, and for one that throws (logged)', async () => {
    expect(await post('/empty', 'safe')).toMatchObject({ status: 200, body: 'success' });
    expect(await post('/fails', 'plain')).toMatchObject({ status: 200, body: 'success' });
    expect(logs.text()).toContain('route failed on purpose');
  });

  it('refuses a forged callback before the route runs, with the reason in the body', async () => {
    const { query, body } = signCallback(account, text('x'), 'safe');
    query.set('msg_signature', '0'.repeat(40));
    const res = await fetch(`${base}?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
    expect(res.status).toBe(401);
    expect(JSON.parse(await res.text())).toMatchObject({ statusCode: 401, error: 'msg_signature_invalid' });
    expect(logs.text()).toContain('msg_signature_invalid');
  });

  it('logs no secret', () => {
    expect(findSecrets(logs.text(), [account.appSecret, account.token, account.encodingAESKey])).toEqual([]);
  });
});
