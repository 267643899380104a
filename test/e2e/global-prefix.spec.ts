import 'reflect-metadata';
import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { OnText, WechatMessage, WechatMpModule, type TextMessage } from '../../lib/index.js';
import { signCallback, xmlField } from '../support/wechat-wire.js';

const account = { appId: 'wxprefix0000000001', token: 'prefixtoken' };

@Injectable()
class Capture {
  ids: string[] = [];
  @OnText()
  text(@WechatMessage() message: TextMessage): string {
    this.ids.push(message.MsgId);
    return message.Content;
  }
}

@Module({ imports: [WechatMpModule.forRoot({ ...account, path: 'hooks/wx' })], providers: [Capture] })
class AppModule {}

describe('a plain NestFactory.create app with a global prefix and a custom path', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await NestFactory.create(AppModule, { logger: false });
    app.setGlobalPrefix('api');
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(() => app.close());

  it('serves /api/hooks/wx and keeps a JSON MsgId beyond 2^53 exact (Nest’s JSON parser never sees the body)', async () => {
    const { query } = signCallback(account, '<xml/>', 'plain');
    const body = '{"ToUserName":"gh_p","FromUserName":"oP","CreateTime":1700000000,"MsgType":"text","Content":"hi","MsgId":23942570635195977}';
    const res = await fetch(`${base}/api/hooks/wx?${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(200);
    expect(JSON.parse(await res.text())).toMatchObject({ Content: 'hi' });
    expect(app.get(Capture).ids).toEqual(['23942570635195977']);
  });

  it('reads XML on the same route and leaves other routes to Nest (404 here)', async () => {
    const xml = '<xml><ToUserName>gh_p</ToUserName><FromUserName>oP</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>xml</Content><MsgId>7</MsgId></xml>';
    const { query, body } = signCallback(account, xml, 'plain');
    const res = await fetch(`${base}/api/hooks/wx?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
    expect(xmlField(await res.text(), 'Content')).toBe('xml');
    expect((await fetch(`${base}/api/elsewhere`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(404);
  });
});
