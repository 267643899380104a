// The jest example of the README section "Test with the emulator" (A jest example to copy), kept runnable here so the
// documented code cannot rot. Only the import paths differ from the README (the README imports the package name).
import 'reflect-metadata';
import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  MessageService,
  OnMenuClick,
  OnText,
  Reply,
  WechatMessage,
  WechatMpModule,
  type TextMessage,
} from 'nestjs-wechat-mp';
import { buildEvent, buildMessage, WechatEmulator } from 'nestjs-wechat-mp/testing';

const account = {
  appId: 'wx1234567890abcdef',
  appSecret: 'test-app-secret',
  token: 'testtoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

@Injectable()
class BotHandlers {
  constructor(private readonly messages: MessageService) {}

  @OnText('ping')
  async ping(@WechatMessage() message: TextMessage) {
    // answered later through the customer-service API, not as the passive reply
    await this.messages.sendCustomerService(message.FromUserName, Reply.text('pong'));
    return null;
  }

  @OnText()
  echo(@WechatMessage() message: TextMessage) {
    return `echo: ${message.Content}`;
  }

  @OnMenuClick('API_MENU_P_2')
  menu() {
    return Reply.text('menu clicked');
  }
}

describe('my WeChat bot', () => {
  let emu: WechatEmulator;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    emu = await WechatEmulator.start(account); // 127.0.0.1, random port
    @Module({
      imports: [WechatMpModule.forRoot({ ...account, apiBaseUrl: emu.url, requireEncryption: false })],
      providers: [BotHandlers],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/wechat`;
  });

  afterAll(async () => {
    await app.close();
    await emu.stop();
  });

  it.each(['plain', 'compatible', 'safe'] as const)('replies to a text in %s mode', async (mode) => {
    const result = await emu.push(url, buildMessage('text', { Content: 'hello' }), { mode });
    expect(result.error).toBeUndefined();
    expect(result.reply).toMatchObject({ reply: { type: 'text', content: 'echo: hello' } });
  });

  it('answers a menu click', async () => {
    const result = await emu.push(url, buildEvent('CLICK', { EventKey: 'API_MENU_P_2' }), { mode: 'safe' });
    expect(result.reply).toMatchObject({ reply: { type: 'text', content: 'menu clicked' } });
  });

  it('sends a customer-service message through the API', async () => {
    const result = await emu.push(url, buildMessage('text', { Content: 'ping' }));
    expect(result.reply).toBe('success');
    expect(emu.sentMessages()).toContainEqual(
      expect.objectContaining({ kind: 'custom', msgtype: 'text', body: expect.objectContaining({ text: { content: 'pong' } }) }),
    );
    expect(emu.tokenFetches()).toBe(1);
  });

  it('gets a new access token when the old one expires', async () => {
    emu.clock.advance(7200); // no waiting: the emulator's clock jumps two hours
    await emu.push(url, buildMessage('text', { Content: 'ping' }));
    expect(emu.tokenFetches()).toBe(2);
    expect(emu.sentMessages().filter((m) => m.kind === 'custom')).toHaveLength(2);
  });
});
