import type { TokenEndpoint } from './wechat-mp.options.js';
import { WechatError } from './errors/wechat-error.js';

/** One account's options after validation, with every default filled in. */
export interface ResolvedAccount {
  readonly name: string;
  readonly appId: string;
  readonly appSecret?: string;
  readonly token: string;
  readonly encodingAESKey?: string;
  readonly previousEncodingAESKey?: string;
  readonly requireEncryption: boolean;
  readonly maxTimestampSkewSeconds: number;
  readonly bodyLimitBytes: number;
  readonly apiBaseUrl: string;
  readonly apiTimeoutMs: number;
  readonly tokenEndpoint: TokenEndpoint;
  readonly replyDeadlineMs: number | false;
}

/** Asked for an account (by name or AppID) that was never registered. */
export class WechatUnknownAccountError extends WechatError {
  readonly code = 'WECHAT_UNKNOWN_ACCOUNT';
  constructor(readonly account: string) {
    super(`nestjs-wechat-mp: no account is registered under the name or AppID "${account}"`);
  }
}

/** Every registered account; injectable. The first one is the default account. */
export class WechatAccounts {
  private readonly byKey = new Map<string, ResolvedAccount>();

  constructor(readonly all: readonly ResolvedAccount[]) {
    for (const account of all) {
      this.byKey.set(account.name, account);
      this.byKey.set(account.appId, account);
    }
  }

  get default(): ResolvedAccount {
    return this.all[0];
  }

  /** The account registered under `nameOrAppId`, or undefined. */
  find(nameOrAppId: string): ResolvedAccount | undefined {
    return this.byKey.get(nameOrAppId);
  }

  /** The account registered under `nameOrAppId`; throws `WechatUnknownAccountError` otherwise. */
  get(nameOrAppId: string): ResolvedAccount {
    const account = this.byKey.get(nameOrAppId);
    if (!account) throw new WechatUnknownAccountError(nameOrAppId);
    return account;
  }
}
