import { randomBytes } from 'node:crypto';

/**
 * OAuth2 网页授权 state of one account, as the docs describe it
 * (https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html):
 * a code "只能使用一次，5分钟未被使用自动过期"; the access_token lives 7200 s; the refresh_token 30 days.
 */
export type EmulatorOAuthScope = 'snsapi_base' | 'snsapi_userinfo';

/** What `sns/userinfo` answers for a user. */
export interface EmulatorOAuthProfile {
  nickname?: string;
  headimgurl?: string;
  sex?: number;
  province?: string;
  city?: string;
  country?: string;
  unionid?: string;
}

interface Grant {
  readonly openid: string;
  readonly scope: EmulatorOAuthScope;
  readonly snapshot: boolean;
}

interface CodeRecord extends Grant {
  readonly issuedAt: number;
  used: boolean;
}

interface TokenRecord extends Grant {
  readonly expiresAt: number;
}

export const OAUTH_CODE_TTL_MS = 5 * 60_000;
export const OAUTH_TOKEN_TTL_SECONDS = 7200;
export const OAUTH_REFRESH_TTL_MS = 30 * 86_400_000;

export type CodeCheck = { ok: true; grant: Grant } | { ok: false; errcode: 40029 | 40163 };
export type TokenCheck = { ok: true; grant: Grant } | { ok: false; errcode: 40001 | 42001 | 40030 | 42002 };

export class OAuthLedger {
  /**
   * Users who play a 快照页 virtual user (`is_snapshotuser: 1`). Who is "at the phone" is not kept here: it is the
   * follower selected on the emulator's page (`EmulatorCore.pageFollower`).
   */
  readonly snapshotUsers = new Set<string>();
  readonly profiles = new Map<string, EmulatorOAuthProfile>();
  private readonly codes = new Map<string, CodeRecord>();
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly refreshTokens = new Map<string, TokenRecord>();

  issueCode(grant: Grant, now: number): string {
    this.prune(now);
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { ...grant, issuedAt: now, used: false });
    return code;
  }

  /** Takes a code: 40029 unknown or older than 5 minutes, 40163 already used. */
  redeem(code: string, now: number): CodeCheck {
    const record = this.codes.get(code);
    if (!record || now - record.issuedAt >= OAUTH_CODE_TTL_MS) return { ok: false, errcode: 40029 };
    if (record.used) return { ok: false, errcode: 40163 };
    record.used = true;
    return { ok: true, grant: record };
  }

  issueTokens(grant: Grant, now: number, refreshToken?: string): { accessToken: string; refreshToken: string } {
    const accessToken = randomBytes(48).toString('base64url');
    this.tokens.set(accessToken, { ...grant, expiresAt: now + OAUTH_TOKEN_TTL_SECONDS * 1000 });
    if (!refreshToken) {
      refreshToken = randomBytes(48).toString('base64url');
      this.refreshTokens.set(refreshToken, { ...grant, expiresAt: now + OAUTH_REFRESH_TTL_MS });
    }
    return { accessToken, refreshToken };
  }

  checkToken(accessToken: string, now: number): TokenCheck {
    const record = this.tokens.get(accessToken);
    if (!record) return { ok: false, errcode: 40001 };
    if (now >= record.expiresAt) return { ok: false, errcode: 42001 };
    return { ok: true, grant: record };
  }

  checkRefresh(refreshToken: string, now: number): TokenCheck {
    const record = this.refreshTokens.get(refreshToken);
    if (!record) return { ok: false, errcode: 40030 };
    if (now >= record.expiresAt) return { ok: false, errcode: 42002 };
    return { ok: true, grant: record };
  }

  /** Codes used or expired are forgotten once a few have piled up, so a long-running emulator stays small. */
  private prune(now: number): void {
    if (this.codes.size < 1000) return;
    for (const [code, record] of this.codes) if (now - record.issuedAt >= OAUTH_CODE_TTL_MS * 2) this.codes.delete(code);
  }
}
