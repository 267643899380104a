import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { WechatEmulator } from 'nestjs-wechat-mp/testing';
import type { SampleConfig } from './sample.config.js';

export const SAMPLE_CONFIG = Symbol('sample:config');

/**
 * Where the sample's API calls go. With no real AppID it starts the bundled emulator on a free loopback port, so
 * `npm start` works on a fresh machine with no account and no internet, and stops it on shutdown.
 */
@Injectable()
export class SamplePlatform implements OnApplicationShutdown {
  private readonly logger = new Logger('SamplePlatform');
  private emulator?: WechatEmulator;
  apiBaseUrl?: string;
  /** Host of the OAuth2 authorize page (WECHAT_OAUTH_BASE_URL, else the bundled emulator's URL). */
  oauthBaseUrl?: string;
  /** The emulator's jweixin-1.6.0.js stand-in, when it runs; WeChat's script otherwise. */
  jweixinUrl = 'https://res.wx.qq.com/open/js/jweixin-1.6.0.js';

  constructor(@Inject(SAMPLE_CONFIG) private readonly config: SampleConfig) {}

  async start(): Promise<this> {
    this.oauthBaseUrl = this.config.oauthBaseUrl;
    if (!this.config.useEmulator) {
      this.apiBaseUrl = this.config.apiBaseUrl;
      // An API base URL other than WeChat's is a shared emulator (see the cluster note below): use its jweixin too.
      if (this.apiBaseUrl && !this.apiBaseUrl.startsWith('https://api.weixin.qq.com')) {
        this.jweixinUrl = `${this.apiBaseUrl.replace(/\/+$/, '')}/emulator/jweixin-1.6.0.js`;
      }
      return this;
    }
    const { WechatEmulator } = await import('nestjs-wechat-mp/testing');
    this.emulator = await WechatEmulator.start({
      port: 0,
      appId: this.config.appId,
      appSecret: this.config.appSecret!,
      token: this.config.token,
      encodingAESKey: this.config.encodingAESKey,
    });
    this.apiBaseUrl = this.emulator.url;
    this.oauthBaseUrl ??= this.emulator.url;
    this.jweixinUrl = this.emulator.jweixinUrl;
    this.logger.log(`No WECHAT_APP_ID set: using the bundled WeChat emulator at ${this.emulator.url}`);
    if (this.config.redisUrl) {
      // Tokens shared through Redis only make sense when every process talks to the same platform.
      this.logger.warn('WECHAT_REDIS_URL is set but this process runs its own emulator: for a cluster, start one shared ' +
        'emulator and point every process at it with WECHAT_API_BASE_URL');
    }
    return this;
  }

  /**
   * Points the bundled emulator's 服务器配置 at the sample's callback URL, so the page's pushes and the events the
   * platform raises on its own (PUBLISHJOBFINISH after `publish`, subscribe_msg_* …) reach the app, and returns the
   * page's URL. Undefined against the real platform or an emulator of its own: there the URL is the one configured
   * in 服务器配置.
   */
  connectPage(callbackUrl: string): string | undefined {
    if (!this.emulator) return undefined;
    this.emulator.connectApp({ url: callbackUrl });
    return this.emulator.pageUrl;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.emulator?.stop();
  }
}
