import { loadSampleConfig, SAMPLE_DEV_DEFAULTS, SampleConfigError } from '../../sample/sample.config.js';

describe('sample environment contract', () => {
  it('runs on development defaults against the bundled emulator when nothing is set', () => {
    expect(loadSampleConfig({})).toEqual({
      appId: SAMPLE_DEV_DEFAULTS.appId,
      appSecret: SAMPLE_DEV_DEFAULTS.appSecret,
      token: SAMPLE_DEV_DEFAULTS.token,
      encodingAESKey: SAMPLE_DEV_DEFAULTS.encodingAESKey,
      apiBaseUrl: undefined,
      useEmulator: true,
      maxTimestampSkewSeconds: undefined,
      requireEncryption: false,
      redisUrl: undefined,
      syncMenu: true,
      port: 3000,
      host: undefined,
      httpAdapter: 'express',
    });
  });

  it('uses a real account as given, with no emulator, no dev key and no menu sync', () => {
    const config = loadSampleConfig({
      WECHAT_APP_ID: 'wxreal',
      WECHAT_TOKEN: 'realtoken',
      WECHAT_MAX_TIMESTAMP_SKEW: '0',
      PORT: '8080',
      WECHAT_REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(config).toMatchObject({ appId: 'wxreal', token: 'realtoken', useEmulator: false, syncMenu: false, port: 8080 });
    expect(config.encodingAESKey).toBeUndefined();
    expect(config.appSecret).toBeUndefined();
    expect(config.maxTimestampSkewSeconds).toBe(0);
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('accepts every mode by default and refuses plaintext callbacks with WECHAT_REQUIRE_ENCRYPTION=true', () => {
    expect(loadSampleConfig({}).requireEncryption).toBe(false);
    expect(loadSampleConfig({ WECHAT_REQUIRE_ENCRYPTION: 'true' }).requireEncryption).toBe(true);
    expect(() => loadSampleConfig({ WECHAT_REQUIRE_ENCRYPTION: 'maybe' })).toThrow(SampleConfigError);
  });

  it('treats empty variables as unset and honours WECHAT_API_BASE_URL and WECHAT_SYNC_MENU', () => {
    const config = loadSampleConfig({ WECHAT_APP_ID: '', WECHAT_API_BASE_URL: 'http://127.0.0.1:9', WECHAT_SYNC_MENU: 'false' });
    expect(config).toMatchObject({ appId: SAMPLE_DEV_DEFAULTS.appId, useEmulator: false, apiBaseUrl: 'http://127.0.0.1:9', syncMenu: false });
  });

  it('refuses a real WECHAT_APP_ID without WECHAT_TOKEN instead of falling back to the public development token', () => {
    expect(() => loadSampleConfig({ WECHAT_APP_ID: 'wxreal' })).toThrow(SampleConfigError);
    expect(() => loadSampleConfig({ WECHAT_APP_ID: 'wxreal', WECHAT_TOKEN: '' })).toThrow('WECHAT_TOKEN');
    expect(loadSampleConfig({}).token).toBe(SAMPLE_DEV_DEFAULTS.token); // development defaults are still fine
  });

  it('runs on Fastify with HTTP_ADAPTER=fastify (default express)', () => {
    expect(loadSampleConfig({ HTTP_ADAPTER: 'fastify' }).httpAdapter).toBe('fastify');
    expect(loadSampleConfig({ HTTP_ADAPTER: 'express' }).httpAdapter).toBe('express');
  });

  it.each([
    ['HTTP_ADAPTER', 'koa'],
    ['PORT', 'abc'],
    ['WECHAT_MAX_TIMESTAMP_SKEW', '-5'],
    ['WECHAT_SYNC_MENU', 'maybe'],
  ])('refuses a bad %s, naming it', (name, value) => {
    expect(() => loadSampleConfig({ [name]: value })).toThrow(SampleConfigError);
    expect(() => loadSampleConfig({ [name]: value })).toThrow(name);
  });
});
