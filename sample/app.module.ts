import { Module, type DynamicModule } from '@nestjs/common';
import { RedisDedupeStore, RedisTokenStore, WechatMpModule } from 'nestjs-wechat-mp';
import { SampleMenuSync } from './sample-menu.js';
import { SAMPLE_CONFIG, SamplePlatform } from './sample-platform.js';
import { SampleH5Controller } from './sample-h5.controller.js';
import { SampleHandlers } from './sample.handlers.js';
import { SamplePublisher } from './sample-publisher.js';
import type { SampleConfig } from './sample.config.js';

/** Provides the config and the API platform (emulator or real) to the WeChat module's async factory. */
@Module({})
class SamplePlatformModule {
  static register(config: SampleConfig): DynamicModule {
    return {
      module: SamplePlatformModule,
      providers: [
        { provide: SAMPLE_CONFIG, useValue: config },
        { provide: SamplePlatform, useFactory: (c: SampleConfig) => new SamplePlatform(c).start(), inject: [SAMPLE_CONFIG] },
      ],
      exports: [SAMPLE_CONFIG, SamplePlatform],
    };
  }
}

@Module({})
export class AppModule {
  static register(config: SampleConfig): DynamicModule {
    const platform = SamplePlatformModule.register(config);
    return {
      module: AppModule,
      imports: [
        platform,
        WechatMpModule.forRootAsync({
          imports: [platform],
          inject: [SAMPLE_CONFIG, SamplePlatform],
          useFactory: (c: SampleConfig, p: SamplePlatform) => ({
            appId: c.appId,
            appSecret: c.appSecret,
            token: c.token,
            encodingAESKey: c.encodingAESKey,
            maxTimestampSkewSeconds: c.maxTimestampSkewSeconds,
            requireEncryption: c.requireEncryption,
            ...(p.apiBaseUrl ? { apiBaseUrl: p.apiBaseUrl } : {}),
            // The OAuth2 authorize page: WECHAT_OAUTH_BASE_URL, else the bundled emulator, else WeChat's.
            ...(p.oauthBaseUrl ? { oauthBaseUrl: p.oauthBaseUrl } : {}),
            // WECHAT_REDIS_URL set: processes sharing it share one access token and one dedupe of WeChat's retries
            // (a cluster). Unset: both live in this process's memory. The module closes these clients on shutdown.
            ...(c.redisUrl
              ? { tokenStore: new RedisTokenStore({ connection: c.redisUrl }), dedupeStore: new RedisDedupeStore({ connection: c.redisUrl }) }
              : {}),
          }),
        }),
      ],
      controllers: [SampleH5Controller],
      providers: [SampleHandlers, SamplePublisher, SampleMenuSync],
    };
  }
}
