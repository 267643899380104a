import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { WechatConfigError } from '../../lib/errors/wechat-config.error.js';
import { WechatAccounts } from '../../lib/wechat-accounts.js';
import { WechatMpModule } from '../../lib/wechat-mp.module.js';
import type { WechatMpModuleOptions, WechatMpOptionsFactory } from '../../lib/wechat-mp.options.js';
import { WechatInboundService } from '../../lib/http/wechat-inbound.service.js';

const options: WechatMpModuleOptions = { appId: 'wxmodule0000000001', token: 'moduletoken', appSecret: 'module-secret' };

@Injectable()
class ConfigService {
  get(): WechatMpModuleOptions {
    return options;
  }
}
@Module({ providers: [ConfigService], exports: [ConfigService] })
class ConfigModule {}

@Injectable()
class OptionsFactory implements WechatMpOptionsFactory {
  createWechatMpOptions(): WechatMpModuleOptions {
    return { ...options, appId: 'wxfromclass0000001' };
  }
}
@Module({ providers: [OptionsFactory], exports: [OptionsFactory] })
class FactoryModule {}

async function accountsOf(imports: unknown[]): Promise<WechatAccounts> {
  const ref = await Test.createTestingModule({ imports: imports as never[] }).compile();
  return ref.get(WechatAccounts);
}

describe('WechatMpModule', () => {
  it('forRoot resolves the options', async () => {
    expect((await accountsOf([WechatMpModule.forRoot(options)])).default.appId).toBe('wxmodule0000000001');
  });

  it('forRootAsync with imports, inject and useFactory', async () => {
    const module = WechatMpModule.forRootAsync({ imports: [ConfigModule], inject: [ConfigService], useFactory: (c: ConfigService) => c.get() });
    expect((await accountsOf([module])).default.token).toBe('moduletoken');
  });

  it('forRootAsync with useClass', async () => {
    expect((await accountsOf([WechatMpModule.forRootAsync({ useClass: OptionsFactory })])).default.appId).toBe('wxfromclass0000001');
  });

  it('forRootAsync with useExisting', async () => {
    const module = WechatMpModule.forRootAsync({ imports: [FactoryModule], useExisting: OptionsFactory });
    expect((await accountsOf([module])).default.appId).toBe('wxfromclass0000001');
  });

  it('isGlobal makes its providers visible to modules that do not import it', async () => {
    @Injectable()
    class Consumer {
      constructor(readonly inbound: WechatInboundService) {}
    }
    @Module({ providers: [Consumer] })
    class FeatureModule {}
    const ref = await Test.createTestingModule({
      imports: [WechatMpModule.forRootAsync({ isGlobal: true, useFactory: () => options }), FeatureModule],
    }).compile();
    expect(ref.get(Consumer).inbound).toBeInstanceOf(WechatInboundService);
  });

  it('without isGlobal, its providers stay private', async () => {
    @Injectable()
    class Consumer {
      constructor(readonly inbound: WechatInboundService) {}
    }
    @Module({ providers: [Consumer] })
    class FeatureModule {}
    await expect(
      Test.createTestingModule({ imports: [WechatMpModule.forRoot(options), FeatureModule] }).compile(),
    ).rejects.toThrow(/WechatInboundService/);
  });

  it('fails at startup, naming the option, when the options are invalid', async () => {
    const bad = WechatMpModule.forRootAsync({ useFactory: () => ({ ...options, encodingAESKey: 'too-short' }) });
    await expect(Test.createTestingModule({ imports: [bad] }).compile()).rejects.toThrow(WechatConfigError);
    await expect(Test.createTestingModule({ imports: [bad] }).compile()).rejects.toThrow(/"encodingAESKey"/);
  });

  describe('per-account routes under forRootAsync (the accounts are not known when routes are declared)', () => {
    const second = { name: 'shop', appId: 'wxmoduleshop000001', token: 'shoptoken' };
    async function routesOf(module: ReturnType<typeof WechatMpModule.forRootAsync>): Promise<number[]> {
      const ref = await Test.createTestingModule({ imports: [module] }).compile();
      const app = ref.createNestApplication({ logger: false });
      await app.listen(0, '127.0.0.1');
      try {
        const base = await app.getUrl();
        // unsigned GETs: 401 where the route exists, 404 where it does not
        return [(await fetch(`${base}/wechat`)).status, (await fetch(`${base}/wechat/shop`)).status];
      } finally {
        await app.close();
      }
    }

    it('maps only /wechat by default', async () => {
      expect(await routesOf(WechatMpModule.forRootAsync({ useFactory: () => options }))).toEqual([401, 404]);
    });

    it('maps /wechat/:account with accountRoutes: true', async () => {
      const module = WechatMpModule.forRootAsync({ accountRoutes: true, useFactory: () => ({ ...options, accounts: [second] }) });
      expect(await routesOf(module)).toEqual([401, 401]);
    });

    it('fails at startup, naming accountRoutes, when the factory returns several accounts without it', async () => {
      const module = WechatMpModule.forRootAsync({ useFactory: () => ({ ...options, accounts: [second] }) });
      await expect(Test.createTestingModule({ imports: [module] }).compile().then((ref) => ref.createNestApplication({ logger: false }).init()))
        .rejects.toThrow(/"accountRoutes"/);
    });
  });

  it('path: false registers no callback controller', async () => {
    const ref = await Test.createTestingModule({ imports: [WechatMpModule.forRoot({ ...options, path: false })] }).compile();
    const app = ref.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    try {
      expect((await fetch(`${await app.getUrl()}/wechat`)).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
