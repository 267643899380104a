import { checkEncodingAESKey } from './crypto/encoding-aes-key.js';
import { WechatConfigError } from './errors/wechat-config.error.js';
import { DEFAULT_ACCOUNT_NAME, DEFAULTS } from './wechat-mp.constants.js';
import type { ResolvedAccount } from './wechat-accounts.js';
import type { WechatAccountOptions, WechatMpModuleOptions } from './wechat-mp.options.js';

/** 服务器配置: "Token 必须为英文或数字，长度为3-32字符". */
const TOKEN_PATTERN = /^[A-Za-z0-9]{3,32}$/;
/** Account names become path segments (`/wechat/<name>`). */
const NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const APP_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** WeChat drops a callback after 5 s; a budget at or past that can never be met. */
const MAX_REPLY_DEADLINE_MS = 4_900;

/**
 * Validates module options and fills in defaults, once, at startup. Every failure names the option; none echoes a
 * secret's value (only its length or shape).
 */
export function resolveAccounts(options: WechatMpModuleOptions): ResolvedAccount[] {
  if (!options || typeof options !== 'object') throw new WechatConfigError('options', 'must be an object');
  const { accounts = [], tokenStore: _t, dedupeStore: _d, dedupeTtlSeconds, apiRetry, mpBaseUrl, oauthBaseUrl, oauth, oauthSessionStore: _s, ...top } = options;
  if (!Array.isArray(accounts)) throw new WechatConfigError('accounts', 'must be an array of account options');
  if (dedupeTtlSeconds !== undefined) requireInteger('dedupeTtlSeconds', dedupeTtlSeconds, 15, 86_400);
  if (apiRetry !== undefined) {
    if (!apiRetry || typeof apiRetry !== 'object') throw new WechatConfigError('apiRetry', 'must be an object');
    if (apiRetry.attempts !== undefined) requireInteger('apiRetry.attempts', apiRetry.attempts, 1, 10);
    if (apiRetry.baseDelayMs !== undefined) requireInteger('apiRetry.baseDelayMs', apiRetry.baseDelayMs, 0, 60_000);
    if (apiRetry.maxDelayMs !== undefined) requireInteger('apiRetry.maxDelayMs', apiRetry.maxDelayMs, 0, 600_000);
  }
  if (mpBaseUrl !== undefined) requireUrl('mpBaseUrl', mpBaseUrl);
  if (oauthBaseUrl !== undefined) requireUrl('oauthBaseUrl', oauthBaseUrl);
  if (oauth !== undefined) {
    if (!oauth || typeof oauth !== 'object') throw new WechatConfigError('oauth', 'must be an object');
    if (oauth.secret !== undefined && (typeof oauth.secret !== 'string' || oauth.secret.length < 16)) {
      throw new WechatConfigError('oauth.secret', 'must be a string of at least 16 characters');
    }
    if (oauth.publicBaseUrl !== undefined) requireUrl('oauth.publicBaseUrl', oauth.publicBaseUrl);
    if (oauth.sessionTtlSeconds !== undefined) requireInteger('oauth.sessionTtlSeconds', oauth.sessionTtlSeconds, 60, 30 * 86_400);
    if (oauth.cookieName !== undefined && (typeof oauth.cookieName !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(oauth.cookieName))) {
      throw new WechatConfigError('oauth.cookieName', 'must be 1-64 letters, digits, "_" or "-"');
    }
    if (oauth.lang !== undefined && !['zh_CN', 'zh_TW', 'en'].includes(oauth.lang)) {
      throw new WechatConfigError('oauth.lang', 'must be zh_CN, zh_TW or en');
    }
  }

  const resolved = [resolveAccount('', { name: DEFAULT_ACCOUNT_NAME, ...top }, {})];
  accounts.forEach((account, i) => {
    const where = `accounts[${i}].`;
    if (!account || typeof account !== 'object') throw new WechatConfigError(`accounts[${i}]`, 'must be an object');
    if (account.name === undefined) throw new WechatConfigError(`${where}name`, 'is required for every extra account');
    resolved.push(resolveAccount(where, account, top));
  });

  const seen = new Map<string, string>();
  resolved.forEach((account, i) => {
    const where = i === 0 ? '' : `accounts[${i - 1}].`;
    for (const [field, key] of [['name', account.name], ['appId', account.appId]] as const) {
      const previous = seen.get(key);
      if (previous !== undefined) {
        throw new WechatConfigError(`${where}${field}`, `"${key}" is already used by ${previous}; names and AppIDs must be unique`);
      }
      seen.set(key, i === 0 ? 'the default account' : `accounts[${i - 1}]`);
    }
  });
  if (dedupeTtlSeconds !== undefined) {
    const window = replayWindowSeconds(resolved);
    if (dedupeTtlSeconds < window) {
      throw new WechatConfigError(
        'dedupeTtlSeconds',
        `must be at least ${window} s: a callback is accepted for 2 × maxTimestampSkewSeconds, and a replay inside ` +
          'that window must still find its dedupe key (lower maxTimestampSkewSeconds, or leave dedupeTtlSeconds unset)',
      );
    }
  }
  return resolved;
}

/**
 * How long a callback can be accepted again after its first delivery: its timestamp passes the check from
 * `timestamp − skew` to `timestamp + skew`, so 2 × skew. Dedupe must remember it that long, or a replay inside
 * the window runs its handler again. A skew of 0 (check off) has no window to tie to.
 */
export function replayWindowSeconds(accounts: readonly ResolvedAccount[]): number {
  return 2 * Math.max(0, ...accounts.map((a) => a.maxTimestampSkewSeconds));
}

/** The dedupe retention: the option, or the replay window (at least `DEFAULTS.dedupeTtlSeconds`). */
export function dedupeRetentionSeconds(option: number | undefined, accounts: readonly ResolvedAccount[]): number {
  return option ?? Math.max(DEFAULTS.dedupeTtlSeconds, replayWindowSeconds(accounts));
}

function resolveAccount(where: string, account: WechatAccountOptions, inherited: Partial<WechatAccountOptions>): ResolvedAccount {
  const pick = <K extends keyof WechatAccountOptions>(key: K) => (account[key] !== undefined ? account[key] : inherited[key]);

  const name = account.name ?? DEFAULT_ACCOUNT_NAME;
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw new WechatConfigError(`${where}name`, 'must be 1-64 letters, digits, "_" or "-" (it becomes a path segment)');
  }
  if (typeof account.appId !== 'string' || !APP_ID_PATTERN.test(account.appId)) {
    throw new WechatConfigError(`${where}appId`, 'is required: the AppID (开发者ID), e.g. "wx1234567890abcdef"');
  }
  if (typeof account.token !== 'string' || !TOKEN_PATTERN.test(account.token)) {
    const shape = typeof account.token === 'string' ? `got ${account.token.length} characters` : 'missing';
    throw new WechatConfigError(`${where}token`, `must be 3-32 letters and digits, as in 服务器配置 (${shape})`);
  }
  const appSecret = account.appSecret;
  if (appSecret !== undefined && (typeof appSecret !== 'string' || appSecret.length === 0)) {
    throw new WechatConfigError(`${where}appSecret`, 'must be a non-empty string when given');
  }
  const encodingAESKey = account.encodingAESKey;
  if (encodingAESKey !== undefined && encodingAESKey !== '') {
    const reason = checkEncodingAESKey(encodingAESKey);
    if (reason) throw new WechatConfigError(`${where}encodingAESKey`, reason);
  }

  const previousEncodingAESKey = account.previousEncodingAESKey;
  if (previousEncodingAESKey !== undefined && previousEncodingAESKey !== '') {
    if (!encodingAESKey) throw new WechatConfigError(`${where}previousEncodingAESKey`, 'needs encodingAESKey (the current key)');
    const reason = checkEncodingAESKey(previousEncodingAESKey);
    if (reason) throw new WechatConfigError(`${where}previousEncodingAESKey`, reason);
  }

  // With a key configured, plaintext callbacks are refused unless asked for: their signature covers no body.
  const requireEncryption = pick('requireEncryption') ?? Boolean(encodingAESKey);
  if (typeof requireEncryption !== 'boolean') throw new WechatConfigError(`${where}requireEncryption`, 'must be true or false');
  if (requireEncryption && !encodingAESKey) {
    throw new WechatConfigError(`${where}requireEncryption`, 'needs encodingAESKey: encrypted callbacks cannot be read without it');
  }
  const maxTimestampSkewSeconds = pick('maxTimestampSkewSeconds') ?? DEFAULTS.maxTimestampSkewSeconds;
  requireInteger(`${where}maxTimestampSkewSeconds`, maxTimestampSkewSeconds, 0, 86_400);
  const bodyLimitBytes = pick('bodyLimitBytes') ?? DEFAULTS.bodyLimitBytes;
  requireInteger(`${where}bodyLimitBytes`, bodyLimitBytes, 256, 64 * 1024 * 1024);
  const apiBaseUrl = pick('apiBaseUrl') ?? DEFAULTS.apiBaseUrl;
  requireUrl(`${where}apiBaseUrl`, apiBaseUrl);
  const apiTimeoutMs = pick('apiTimeoutMs') ?? DEFAULTS.apiTimeoutMs;
  requireInteger(`${where}apiTimeoutMs`, apiTimeoutMs, 1, 600_000);
  const tokenEndpoint = pick('tokenEndpoint') ?? DEFAULTS.tokenEndpoint;
  if (tokenEndpoint !== 'stable' && tokenEndpoint !== 'classic') {
    throw new WechatConfigError(`${where}tokenEndpoint`, 'must be "stable" or "classic"');
  }
  const replyDeadlineMs = pick('replyDeadlineMs') ?? DEFAULTS.replyDeadlineMs;
  if (replyDeadlineMs !== false) requireInteger(`${where}replyDeadlineMs`, replyDeadlineMs, 1, MAX_REPLY_DEADLINE_MS);

  return {
    name,
    appId: account.appId,
    ...(appSecret !== undefined ? { appSecret } : {}),
    token: account.token,
    ...(encodingAESKey ? { encodingAESKey } : {}),
    ...(previousEncodingAESKey ? { previousEncodingAESKey } : {}),
    requireEncryption,
    maxTimestampSkewSeconds,
    bodyLimitBytes,
    apiBaseUrl: apiBaseUrl.replace(/\/+$/, ''),
    apiTimeoutMs,
    tokenEndpoint,
    replyDeadlineMs,
  };
}

function requireUrl(option: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || !/^https?:\/\/[^\s/]+/.test(value)) {
    throw new WechatConfigError(option, 'must be an http(s) URL such as "https://api.weixin.qq.com"');
  }
}

function requireInteger(option: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new WechatConfigError(option, `must be an integer from ${min} to ${max}`);
  }
}
