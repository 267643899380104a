import { WechatConfigError } from '../../lib/errors/wechat-config.error.js';
import { DEFAULTS } from '../../lib/wechat-mp.constants.js';
import { dedupeRetentionSeconds, replayWindowSeconds, resolveAccounts } from '../../lib/wechat-mp.options-resolver.js';

const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const base = { appId: 'wx1234567890abcdef', appSecret: 'secret-value-123', token: 'token123', encodingAESKey: AES_KEY };

function errorOf(fn: () => unknown): WechatConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof WechatConfigError) return error;
    throw error;
  }
  throw new Error('expected a WechatConfigError');
}

describe('resolveAccounts', () => {
  it('fills in the documented defaults for the default account', () => {
    const [account] = resolveAccounts(base);
    expect(account).toEqual({
      name: 'default',
      appId: base.appId,
      appSecret: base.appSecret,
      token: base.token,
      encodingAESKey: AES_KEY,
      requireEncryption: true, // on by default once a key is set (issue 12, defect 7)
      maxTimestampSkewSeconds: DEFAULTS.maxTimestampSkewSeconds,
      bodyLimitBytes: DEFAULTS.bodyLimitBytes,
      apiBaseUrl: DEFAULTS.apiBaseUrl,
      apiTimeoutMs: DEFAULTS.apiTimeoutMs,
      tokenEndpoint: 'stable',
      replyDeadlineMs: DEFAULTS.replyDeadlineMs,
    });
  });

  it('requires encryption by default exactly when an encodingAESKey is set; an explicit false still wins', () => {
    expect(resolveAccounts({ ...base, encodingAESKey: undefined })[0].requireEncryption).toBe(false);
    expect(resolveAccounts(base)[0].requireEncryption).toBe(true);
    expect(resolveAccounts({ ...base, requireEncryption: false })[0].requireEncryption).toBe(false);
  });

  it('accepts a previousEncodingAESKey for a rotation, checked like the current one and only with it', () => {
    const previous = 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut';
    expect(resolveAccounts({ ...base, previousEncodingAESKey: previous })[0].previousEncodingAESKey).toBe(previous);
    expect(errorOf(() => resolveAccounts({ ...base, previousEncodingAESKey: 'short' })).message).toContain('previousEncodingAESKey');
    expect(errorOf(() => resolveAccounts({ ...base, encodingAESKey: undefined, previousEncodingAESKey: previous })).message).toContain('previousEncodingAESKey');
  });

  it('ties dedupe retention to the replay window: a dedupeTtlSeconds shorter than 2 × skew is refused (issue 12, defect 1)', () => {
    expect(errorOf(() => resolveAccounts({ ...base, dedupeTtlSeconds: 599 })).message).toContain('dedupeTtlSeconds');
    expect(() => resolveAccounts({ ...base, dedupeTtlSeconds: 600 })).not.toThrow();
    expect(() => resolveAccounts({ ...base, maxTimestampSkewSeconds: 20, dedupeTtlSeconds: 40 })).not.toThrow();
    // Any account's window counts.
    expect(errorOf(() => resolveAccounts({ ...base, maxTimestampSkewSeconds: 20, dedupeTtlSeconds: 40, accounts: [{ name: 'b', appId: 'wxb', token: 'tokenb', maxTimestampSkewSeconds: 60 }] })).message).toContain('dedupeTtlSeconds');
    const accounts = resolveAccounts(base);
    expect(dedupeRetentionSeconds(undefined, accounts)).toBe(600);
    expect(replayWindowSeconds(resolveAccounts({ ...base, maxTimestampSkewSeconds: 0 }))).toBe(0);
  });

  it('lets extra accounts inherit shared settings and keep their own', () => {
    const accounts = resolveAccounts({
      ...base,
      apiBaseUrl: 'http://127.0.0.1:9999/',
      maxTimestampSkewSeconds: 0,
      accounts: [{ name: 'shop', appId: 'wxshop', token: 'shoptoken', maxTimestampSkewSeconds: 60 }],
    });
    expect(accounts.map((a) => [a.name, a.appId, a.apiBaseUrl, a.maxTimestampSkewSeconds])).toEqual([
      ['default', 'wx1234567890abcdef', 'http://127.0.0.1:9999', 0],
      ['shop', 'wxshop', 'http://127.0.0.1:9999', 60],
    ]);
    expect(accounts[1].encodingAESKey).toBeUndefined();
  });

  it.each([
    ['appId', { ...base, appId: '' }],
    ['token', { ...base, token: 'ab' }],
    ['token', { ...base, token: 'has space' }],
    ['encodingAESKey', { ...base, encodingAESKey: AES_KEY.slice(1) }],
    ['encodingAESKey', { ...base, encodingAESKey: AES_KEY.slice(1) + '+' }],
    ['maxTimestampSkewSeconds', { ...base, maxTimestampSkewSeconds: -1 }],
    ['maxTimestampSkewSeconds', { ...base, maxTimestampSkewSeconds: 1.5 }],
    ['bodyLimitBytes', { ...base, bodyLimitBytes: 0 }],
    ['apiBaseUrl', { ...base, apiBaseUrl: 'ftp://x' }],
    ['apiTimeoutMs', { ...base, apiTimeoutMs: 0 }],
    ['tokenEndpoint', { ...base, tokenEndpoint: 'other' as never }],
    ['replyDeadlineMs', { ...base, replyDeadlineMs: 5000 }],
    ['appSecret', { ...base, appSecret: '' }],
    ['requireEncryption', { ...base, requireEncryption: 'yes' as never }],
    ['requireEncryption', { ...base, encodingAESKey: undefined, requireEncryption: true }],
    ['dedupeTtlSeconds', { ...base, dedupeTtlSeconds: 5 }],
    ['accounts[0].name', { ...base, accounts: [{ appId: 'wx2', token: 'token2' }] }],
    ['accounts[0].name', { ...base, accounts: [{ name: 'a b', appId: 'wx2', token: 'token2' }] }],
    ['accounts[0].name', { ...base, accounts: [{ name: 'default', appId: 'wx2', token: 'token2' }] }],
    ['accounts[0].appId', { ...base, accounts: [{ name: 'two', appId: base.appId, token: 'token2' }] }],
    ['accounts[0].encodingAESKey', { ...base, accounts: [{ name: 'two', appId: 'wx2', token: 'token2', encodingAESKey: 'x' }] }],
  ])('refuses a bad %s, naming it', (option, options) => {
    const error = errorOf(() => resolveAccounts(options));
    expect(error.option).toBe(option);
    expect(error.message).toContain(`"${option}"`);
  });

  it('never echoes a secret in a config error', () => {
    const badKey = AES_KEY.slice(0, 40) + '!!!';
    const messages = [
      errorOf(() => resolveAccounts({ ...base, encodingAESKey: badKey })).message,
      errorOf(() => resolveAccounts({ ...base, token: 'secret token with spaces' })).message,
    ];
    expect(messages.join('\n')).not.toContain(badKey);
    expect(messages.join('\n')).not.toContain('secret token with spaces');
  });
});

describe('module-wide options', () => {
  it.each([
    ['apiRetry.attempts', { apiRetry: { attempts: 0 } }],
    ['apiRetry.baseDelayMs', { apiRetry: { baseDelayMs: -1 } }],
    ['apiRetry', { apiRetry: null as never }],
    ['mpBaseUrl', { mpBaseUrl: 'mp.weixin.qq.com' }],
  ])('refuses a bad %s, naming it', (option, extra) => {
    expect(() => resolveAccounts({ ...base, ...extra })).toThrow(`"${option}"`);
  });
});
