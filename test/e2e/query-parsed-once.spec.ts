import 'reflect-metadata';
import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { OnText, WechatMessage, WechatMpModule, type TextMessage } from '../../lib/index.js';
import { openEncryptedReply, signCallback, xmlField } from '../support/wechat-wire.js';

const account = { appId: 'wxqueryonce0000001', token: 'queryoncetoken', encodingAESKey: 'UXVlcnlPbmNlS2V5Rm9yVGhlRXhwcmVzc0dldHRlcjA' };

@Injectable()
class Echo {
  @OnText()
  text(@WechatMessage() message: TextMessage): string {
    return message.Content;
  }
}

@Module({ imports: [WechatMpModule.forRoot({ ...account, requireEncryption: false })], providers: [Echo] })
class AppModule {}

/**
 * Express 5's `req.query` is a getter that runs the query parser on every access. The capture layer (signature
 * before the body) and the route (encrypt_type, msg_signature, openid) both need the query: it is parsed once.
 */
describe('the callback query on Express', () => {
  let app: INestApplication;
  let base: string;
  let parses = 0;

  beforeAll(async () => {
    app = await NestFactory.create(AppModule, { logger: false });
    const express = app.getHttpAdapter().getInstance() as { set(name: string, value: unknown): void };
    express.set('query parser', (text: string) => {
      parses++;
      return Object.fromEntries(new URLSearchParams(text));
    });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(() => app.close());

  it.each(['plain', 'safe'] as const)('is parsed once per %s callback', async (mode) => {
    const xml = `<xml><ToUserName>gh_q</ToUserName><FromUserName>oQ</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>${mode}</Content><MsgId>${mode === 'plain' ? 1 : 2}</MsgId></xml>`;
    const { query, body } = signCallback(account, xml, mode);
    parses = 0;
    const res = await fetch(`${base}/wechat?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
    const text = await res.text();
    expect(xmlField(mode === 'plain' ? text : openEncryptedReply(account, text).xml, 'Content')).toBe(mode);
    expect(parses).toBe(1);
  });
});
