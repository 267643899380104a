import 'reflect-metadata';
import { Injectable, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { OnText, WechatMessage, WechatMpModule, type TextMessage } from '../../lib/index.js';
import { nowSeconds, openEncryptedReply, signCallback, xmlField, xmlOf } from '../support/wechat-wire.js';

const account = {
  appId: 'wxencryptonly00001',
  token: 'encryptonly1',
  encodingAESKey: 'RW5jcnlwdGVkT25seUFjY291bnRLZXkwMTIzNDU2Nzg',
};

@Injectable()
class Echo {
  runs = 0;
  @OnText()
  echo(@WechatMessage() message: TextMessage): string {
    this.runs++;
    return message.Content;
  }
}

describe('requireEncryption: an account that accepts only encrypted callbacks', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    const ref = await Test.createTestingModule({
      imports: [WechatMpModule.forRoot({ ...account, requireEncryption: true })],
      providers: [Echo],
    }).compile();
    app = ref.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/wechat`;
  });
  afterAll(() => app.close());

  const text = (content: string, msgId: string) =>
    xmlOf({ ToUserName: 'gh_e', FromUserName: 'oE', CreateTime: nowSeconds(), MsgType: 'text', Content: content, MsgId: msgId });
  const post = async (mode: 'plain' | 'compatible' | 'safe', xml: string) => {
    const { query, body } = signCallback(account, xml, mode);
    const res = await fetch(`${url}?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
    return { status: res.status, body: await res.text() };
  };

  it('refuses a validly signed plaintext callback with 401 encryption_required, running no handler', async () => {
    const res = await post('plain', text('forged?', '1'));
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'encryption_required' });
    expect(app.get(Echo).runs).toBe(0);
  });

  it.each([
    ['safe', '2'],
    ['compatible', '3'],
  ] as const)('answers %s mode as usual', async (mode, msgId) => {
    const res = await post(mode, text(`hello ${mode}`, msgId));
    expect(res.status).toBe(200);
    expect(xmlField(openEncryptedReply(account, res.body).xml, 'Content')).toBe(`hello ${mode}`);
  });
});
