/**
 * The sample app's environment contract (documented in the README):
 * WECHAT_APP_ID, WECHAT_APP_SECRET, WECHAT_TOKEN, WECHAT_ENCODING_AES_KEY (optional), WECHAT_API_BASE_URL,
 * WECHAT_MAX_TIMESTAMP_SKEW (seconds, 0 = off), WECHAT_REDIS_URL (optional), WECHAT_SYNC_MENU, PORT (default 3000), HOST,
 * WECHAT_OAUTH_BASE_URL (the OAuth authorize host; default WeChat's, or the bundled emulator when no AppID is set),
 * WECHAT_REQUIRE_ENCRYPTION (default false: the sample answers all three modes), HTTP_ADAPTER (`express`, the
 * default, or `fastify`).
 * With no WECHAT_APP_ID the sample runs on development defaults against the bundled emulator. With a real
 * WECHAT_APP_ID, WECHAT_TOKEN is required: the development token is public.
 */
export interface SampleConfig {
  appId: string;
  appSecret?: string;
  token: string;
  encodingAESKey?: string;
  /** Unset = start the bundled emulator (development) or use WeChat's API (a real AppID). */
  apiBaseUrl?: string;
  /** Host of the OAuth2 authorize page. Unset: WeChat's (`https://open.weixin.qq.com`), or the API host when that is not WeChat's. */
  oauthBaseUrl?: string;
  /** Start the bundled emulator and use it as the API. */
  useEmulator: boolean;
  maxTimestampSkewSeconds?: number;
  /**
   * Refuse plaintext callbacks. Default false in the sample, unlike the module (on when an EncodingAESKey is set): the
   * sample answers all three modes, so the console's 消息加解密方式 can be switched without a restart. Set
   * WECHAT_REQUIRE_ENCRYPTION=true in production once the account is in safe mode.
   */
  requireEncryption: boolean;
  redisUrl?: string;
  /** Create the sample menu at startup. Default: only against the emulator. */
  syncMenu: boolean;
  port: number;
  host?: string;
  /** Nest's HTTP platform. Default `express`. */
  httpAdapter: SampleHttpAdapter;
}

export type SampleHttpAdapter = 'express' | 'fastify';

/** Development defaults: a made-up account, good only against the bundled emulator. */
export const SAMPLE_DEV_DEFAULTS = {
  appId: 'wx0000000000sample',
  appSecret: 'sample-dev-app-secret-0123456789',
  token: 'sampletoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
} as const;

export class SampleConfigError extends Error {
  constructor(variable: string, reason: string) {
    super(`sample: environment variable ${variable} ${reason}`);
    this.name = 'SampleConfigError';
  }
}

export function loadSampleConfig(env: Record<string, string | undefined>): SampleConfig {
  const value = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const realAppId = value('WECHAT_APP_ID');
  const dev = realAppId === undefined;
  const apiBaseUrl = value('WECHAT_API_BASE_URL');
  const useEmulator = dev && apiBaseUrl === undefined;
  const token = value('WECHAT_TOKEN');
  // The development token is in this repository: a real account answering to it would accept anyone's callbacks.
  if (!dev && token === undefined) {
    throw new SampleConfigError('WECHAT_TOKEN', 'is required when WECHAT_APP_ID is set (the Token of 服务器配置)');
  }
  const httpAdapter = value('HTTP_ADAPTER') ?? 'express';
  if (httpAdapter !== 'express' && httpAdapter !== 'fastify') {
    throw new SampleConfigError('HTTP_ADAPTER', `must be "express" or "fastify" (got ${JSON.stringify(httpAdapter.slice(0, 20))})`);
  }
  return {
    appId: realAppId ?? SAMPLE_DEV_DEFAULTS.appId,
    appSecret: value('WECHAT_APP_SECRET') ?? (dev ? SAMPLE_DEV_DEFAULTS.appSecret : undefined),
    token: token ?? SAMPLE_DEV_DEFAULTS.token,
    encodingAESKey: value('WECHAT_ENCODING_AES_KEY') ?? (dev ? SAMPLE_DEV_DEFAULTS.encodingAESKey : undefined),
    apiBaseUrl,
    oauthBaseUrl: url('WECHAT_OAUTH_BASE_URL', value('WECHAT_OAUTH_BASE_URL')),
    useEmulator,
    maxTimestampSkewSeconds: integer('WECHAT_MAX_TIMESTAMP_SKEW', value('WECHAT_MAX_TIMESTAMP_SKEW')),
    requireEncryption: boolean('WECHAT_REQUIRE_ENCRYPTION', value('WECHAT_REQUIRE_ENCRYPTION')) ?? false,
    redisUrl: value('WECHAT_REDIS_URL'),
    syncMenu: boolean('WECHAT_SYNC_MENU', value('WECHAT_SYNC_MENU')) ?? useEmulator,
    port: integer('PORT', value('PORT')) ?? 3000,
    host: value('HOST'),
    httpAdapter,
  };
}

function integer(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new SampleConfigError(name, `must be a whole number (got ${JSON.stringify(raw.slice(0, 20))})`);
  return Number(raw);
}

function url(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!/^https?:\/\/[^\s/]+/.test(raw)) throw new SampleConfigError(name, 'must be an http(s) URL such as "https://open.weixin.qq.com"');
  return raw.replace(/\/+$/, '');
}

function boolean(name: string, raw: string | undefined): boolean | undefined {
  if (raw === undefined) return undefined;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new SampleConfigError(name, 'must be true or false');
}
