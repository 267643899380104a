import 'reflect-metadata';
import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { OnSubscribe } from '../../lib/handlers/decorators/on-event.decorators.js';
import { OnMenuClick } from '../../lib/handlers/decorators/on-menu.decorators.js';
import { OnImage } from '../../lib/handlers/decorators/on-message-type.decorators.js';
import { OnMessage } from '../../lib/handlers/decorators/on-message.decorator.js';
import { OnText } from '../../lib/handlers/decorators/on-text.decorator.js';
import { MemoryDedupeStore } from '../../lib/stores/memory-dedupe.store.js';
import { SAMPLE_DEVELOPMENT_TOKEN } from '../../lib/wechat-mp.introduction.js';
import { WechatMpModule } from '../../lib/wechat-mp.module.js';
import type { WechatMpModuleOptions } from '../../lib/wechat-mp.options.js';
import { LogCapture } from '../support/log-capture.js';
import { findSecrets } from '../support/test-secrets.js';

const AES_KEY = 'IntroductionSpecAesKey0123456789abcdefghijk';
const base = { appId: 'wxintro00000000001', appSecret: 'intro-app-secret-value', token: 'introtoken42' };

@Injectable()
class Handlers {
  @OnText('help') help() { return 'help'; }
  @OnText(/^order \d+$/) order() { return 'order'; }
  @OnText() anyText() { return 'text'; }
  @OnImage() image() { return 'image'; }
  @OnSubscribe() welcome() { return 'welcome'; }
  @OnMenuClick('A') @OnMenuClick('B') menu() { return 'menu'; }
  @OnMessage() fallback() { return 'success'; }
}

/** Boots an app with `options` (and the handlers unless `handlers` is false) and returns what the module logged. */
async function introduce(options: WechatMpModuleOptions & { path?: string | false }, handlers = true, prefix?: string): Promise<LogCapture> {
  const logs = new LogCapture();
  @Module({ imports: [WechatMpModule.forRoot(options)], providers: handlers ? [Handlers] : [] })
  class AppModule {}
  const ref = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app: INestApplication = ref.createNestApplication({ logger: logs });
  if (prefix) app.setGlobalPrefix(prefix);
  await app.init();
  await app.close();
  return logs;
}

function own(logs: LogCapture): string[] {
  return logs.lines.filter((line) => line.endsWith(' WechatMpModule'));
}

describe('the module introduces itself at startup', () => {
  it('logs one line per account (name, AppID, route, mode, stores) and one line for the dispatch table', async () => {
    const logs = await introduce({ ...base, encodingAESKey: AES_KEY, requireEncryption: true });
    expect(own(logs)).toEqual([
      'log account "default" (wxintro00000000001) at GET|POST /wechat: safe or compatible mode, requireEncryption on ' +
        '(plaintext callbacks refused); token store MemoryTokenStore, dedupe store MemoryDedupeStore WechatMpModule',
      'log dispatch table: 8 handler claims (text 3, message type 1, event 3, fallback 1) WechatMpModule',
    ]);
    expect(findSecrets(logs.text(), [base.appSecret, base.token, AES_KEY])).toEqual([]);
  });

  it('names each account of several with its own route, the global prefix included, and the stores passed in', async () => {
    const logs = await introduce(
      {
        ...base,
        dedupeStore: new MemoryDedupeStore(),
        accounts: [{ name: 'shop', appId: 'wxintroshop0000001', appSecret: 'shop-secret-value', token: 'shoptoken1' }],
      },
      true,
      'api',
    );
    const lines = own(logs);
    expect(lines[0]).toContain('account "default" (wxintro00000000001) at GET|POST /api/wechat and /api/wechat/default: plaintext mode');
    expect(lines[1]).toContain('account "shop" (wxintroshop0000001) at GET|POST /api/wechat/shop: plaintext mode (no encodingAESKey)');
    expect(lines[1]).toContain('dedupe store MemoryDedupeStore');
  });

  it('says when the app mounts its own route', async () => {
    const logs = await introduce({ ...base, path: false });
    expect(own(logs)[0]).toContain('account "default" (wxintro00000000001): no built-in route (path: false)');
  });

  it('warns about an AES key with requireEncryption explicitly off, not when it is merely left out', async () => {
    const off = own(await introduce({ ...base, encodingAESKey: AES_KEY, requireEncryption: false }));
    expect(off[0]).toContain('plaintext, compatible or safe mode, requireEncryption off');
    expect(off.filter((l) => l.startsWith('warn '))).toEqual([expect.stringContaining('encodingAESKey is set but requireEncryption is false')]);

    const unset = own(await introduce({ ...base, encodingAESKey: AES_KEY }));
    expect(unset.filter((l) => l.startsWith('warn '))).toEqual([]);
  });

  it('warns about an extra account that inherits requireEncryption: false', async () => {
    const lines = own(
      await introduce({
        ...base,
        requireEncryption: false,
        accounts: [{ name: 'shop', appId: 'wxintroshop0000001', token: 'shoptoken1', encodingAESKey: AES_KEY }],
      }),
    );
    expect(lines.filter((l) => l.startsWith('warn '))).toEqual([expect.stringContaining('account "shop": encodingAESKey is set')]);
  });

  it("warns about the sample's public development token without printing it", async () => {
    const logs = await introduce({ ...base, token: SAMPLE_DEVELOPMENT_TOKEN });
    const warnings = own(logs).filter((l) => l.startsWith('warn '));
    expect(warnings).toEqual([expect.stringContaining("its token is the sample app's public development token")]);
    expect(logs.text()).not.toContain(SAMPLE_DEVELOPMENT_TOKEN);
  });

  it('warns when no handler was found', async () => {
    const lines = own(await introduce(base, false));
    expect(lines).toContainEqual(expect.stringMatching(/^warn dispatch table: no handler methods found/));
  });
});
