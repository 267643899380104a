import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ApplicationConfig } from '@nestjs/core';
import type { HandlerMatcher } from './handlers/handler-matcher.js';
import type { WechatHandlerRegistry } from './handlers/wechat-handler.registry.js';
import type { DedupeStore } from './stores/dedupe-store.interface.js';
import type { TokenStore } from './stores/token-store.interface.js';
import type { ResolvedAccount, WechatAccounts } from './wechat-accounts.js';
import type { WechatAccountOptions, WechatMpModuleOptions } from './wechat-mp.options.js';

/** The sample app's development token: public (it is in this repo), so an account using it can be signed by anyone. */
export const SAMPLE_DEVELOPMENT_TOKEN = 'sampletoken';

/** How the startup summary names each kind of handler claim, in the order it lists them. */
const KIND_LABELS: Record<HandlerMatcher['kind'], string> = {
  text: 'text',
  message: 'message type',
  event: 'event',
  scan: 'scan',
  fallback: 'fallback',
};

export const INTRODUCTION_MESSAGES = {
  account: (a: { name: string; appId: string; path: string; mode: string; tokenStore: string; dedupeStore: string }) =>
    `account "${a.name}" (${a.appId}) at ${a.path}: ${a.mode}; token store ${a.tokenStore}, dedupe store ${a.dedupeStore}`,
  noRoute: (name: string, appId: string, mode: string) =>
    `account "${name}" (${appId}): no built-in route (path: false), your own route answers; ${mode}`,
  handlers: (total: number, counts: string) => `dispatch table: ${total} handler claim${total === 1 ? '' : 's'} (${counts})`,
  noHandlers: 'dispatch table: no handler methods found; every callback is answered "success" (no reply)',
  encryptionOff: (name: string) =>
    `account "${name}": encodingAESKey is set but requireEncryption is false, so plaintext callbacks (whose signature ` +
    'covers no body) are accepted too; leave requireEncryption on unless the account really runs in plaintext mode',
  sampleToken: (name: string) =>
    `account "${name}": its token is the sample app's public development token; anyone can sign callbacks for it. ` +
    'Set the Token of 服务器配置 (WECHAT_TOKEN in the sample) to a value of your own',
};

/** The mode an account's callbacks may arrive in, as far as its options decide it. */
export function describeMode(account: ResolvedAccount): string {
  if (!account.encodingAESKey) return 'plaintext mode (no encodingAESKey), requireEncryption off';
  return account.requireEncryption
    ? 'safe or compatible mode, requireEncryption on (plaintext callbacks refused)'
    : 'plaintext, compatible or safe mode, requireEncryption off';
}

/**
 * Logs at startup what the module set up: one line per account (name, AppID, callback route, mode, stores), one
 * line summing up the dispatch table, and a warning for options that are probably a mistake. Runs at application
 * bootstrap, after handler discovery, when the global prefix is known.
 */
export class WechatMpIntroduction implements OnApplicationBootstrap {
  private readonly logger = new Logger('WechatMpModule');

  constructor(
    /** The built-in route's path, or false when the app mounts its own. */
    private readonly path: string | false,
    private readonly options: WechatMpModuleOptions,
    private readonly accounts: WechatAccounts,
    private readonly tokenStore: TokenStore,
    private readonly dedupeStore: DedupeStore,
    private readonly registry: WechatHandlerRegistry,
    private readonly config?: ApplicationConfig,
  ) {}

  onApplicationBootstrap(): void {
    for (const line of this.lines()) this.logger[line.level](line.text);
  }

  /** What `onApplicationBootstrap` logs, in order. */
  lines(): { level: 'log' | 'warn'; text: string }[] {
    const lines: { level: 'log' | 'warn'; text: string }[] = [];
    const stores = { tokenStore: storeName(this.tokenStore), dedupeStore: storeName(this.dedupeStore) };
    const several = this.accounts.all.length > 1;
    this.accounts.all.forEach((account, i) => {
      const mode = describeMode(account);
      const text =
        this.path === false
          ? INTRODUCTION_MESSAGES.noRoute(account.name, account.appId, mode)
          : INTRODUCTION_MESSAGES.account({ ...account, ...stores, mode, path: this.routeOf(i === 0 && !several ? '' : account.name, i === 0) });
      lines.push({ level: 'log', text });
      if (account.encodingAESKey && !account.requireEncryption && this.rawRequireEncryption(i) === false) {
        lines.push({ level: 'warn', text: INTRODUCTION_MESSAGES.encryptionOff(account.name) });
      }
      if (account.token === SAMPLE_DEVELOPMENT_TOKEN) lines.push({ level: 'warn', text: INTRODUCTION_MESSAGES.sampleToken(account.name) });
    });
    const counts = this.registry.countsByKind();
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    if (total === 0) {
      lines.push({ level: 'warn', text: INTRODUCTION_MESSAGES.noHandlers });
    } else {
      const parts = (Object.keys(KIND_LABELS) as HandlerMatcher['kind'][])
        .filter((kind) => counts[kind])
        .map((kind) => `${KIND_LABELS[kind]} ${counts[kind]}`);
      lines.push({ level: 'log', text: INTRODUCTION_MESSAGES.handlers(total, parts.join(', ')) });
    }
    return lines;
  }

  /** `GET|POST /<prefix>/<path>[/<name>]`; the default account also answers at the bare path. */
  private routeOf(segment: string, isDefault: boolean): string {
    const prefix = this.config?.getGlobalPrefix() ?? '';
    const base = '/' + [prefix, this.path as string].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
    const own = segment ? `${base}/${segment}` : base;
    return `GET|POST ${isDefault && segment ? `${base} and ${own}` : own}`;
  }

  /** `requireEncryption` as the options spelled it (an extra account inherits the top-level value). */
  private rawRequireEncryption(index: number): boolean | undefined {
    const own: WechatAccountOptions | undefined = index === 0 ? undefined : this.options.accounts?.[index - 1];
    return own?.requireEncryption ?? this.options.requireEncryption;
  }
}

function storeName(store: object): string {
  return store.constructor?.name || 'custom';
}
