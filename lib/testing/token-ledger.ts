import { randomBytes } from 'node:crypto';
import { quotaDay } from './emulator-clock.js';

/**
 * Access-token lifecycle, as the docs describe it.
 *
 * Classic `/cgi-bin/token` (https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Get_access_token.html):
 * every call issues a new token valid for 7200 s; the previous one keeps working for 5 more minutes
 * ("公众平台后台会保证在5分钟内，新老access_token都可用"), then fails with 40001. Past its own 7200 s a token fails with 42001.
 *
 * Stable `/cgi-bin/stable_token` (https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/getStableAccessToken.html):
 * isolated from the classic tokens ("与 getAccessToken 获取的调用凭证完全隔离，互不影响"). Normal mode returns the current
 * token while more than 5 minutes are left, and a new one in the last 5 minutes (the old one lives out its time).
 * `force_refresh` issues a new token; the previous one gets the 5-minute overlap and any older one dies at once (so
 * two forced calls 30 s apart kill a leaked token, as the docs' emergency note says). Forced refreshes are limited to
 * 20 a day and need 30 s between them ("否则不会刷新": within 30 s the current token is returned unchanged).
 */
export type TokenKind = 'classic' | 'stable';

export interface TokenRecord {
  readonly token: string;
  readonly appId: string;
  readonly kind: TokenKind;
  readonly issuedAt: number;
  readonly expiresAt: number;
  /** When a newer token (or a revoke) ends this one, if that comes before `expiresAt`. */
  deadAt?: number;
}

export type TokenCheck = { ok: true; appId: string; kind: TokenKind } | { ok: false; errcode: 40001 | 42001 };

export const TOKEN_TTL_SECONDS = 7200;
export const TOKEN_OVERLAP_SECONDS = 300;
export const STABLE_FORCE_PER_DAY = 20;
export const STABLE_FORCE_INTERVAL_SECONDS = 30;

export class TokenLedger {
  private readonly byToken = new Map<string, TokenRecord>();
  private readonly current = new Map<string, TokenRecord>();
  private readonly issuedCount = new Map<string, number>();
  private readonly forced = new Map<string, { day: number; count: number; lastAt: number }>();
  private seq = 80;

  /** `/cgi-bin/token`: always a new token. */
  issueClassic(appId: string, now: number): TokenRecord {
    const previous = this.current.get(key(appId, 'classic'));
    if (previous) this.endWithOverlap(previous, now);
    return this.issue(appId, 'classic', now);
  }

  /**
   * `/cgi-bin/stable_token`. Returns the token to hand out, or `'force-quota'` when the day's 20 forced refreshes
   * are spent.
   */
  stable(appId: string, now: number, forceRefresh: boolean): TokenRecord | 'force-quota' {
    const current = this.current.get(key(appId, 'stable'));
    const live = current && usable(current, now) ? current : undefined;
    if (!forceRefresh) {
      if (live && live.expiresAt - now > TOKEN_OVERLAP_SECONDS * 1000) return live;
      return this.issue(appId, 'stable', now);
    }
    const day = quotaDay(now);
    let forced = this.forced.get(appId);
    if (!forced || forced.day !== day) {
      forced = { day, count: 0, lastAt: -Infinity };
      this.forced.set(appId, forced);
    }
    if (live && now - forced.lastAt < STABLE_FORCE_INTERVAL_SECONDS * 1000) return live;
    if (forced.count >= STABLE_FORCE_PER_DAY) return 'force-quota';
    forced.count += 1;
    forced.lastAt = now;
    for (const record of this.byToken.values()) {
      if (record.appId === appId && record.kind === 'stable' && record !== live && usable(record, now)) record.deadAt = now;
    }
    if (live) this.endWithOverlap(live, now);
    return this.issue(appId, 'stable', now);
  }

  check(token: string, now: number): TokenCheck {
    const record = this.byToken.get(token);
    if (!record) return { ok: false, errcode: 40001 };
    const deadAt = record.deadAt ?? Infinity;
    if (now < record.expiresAt && now < deadAt) return { ok: true, appId: record.appId, kind: record.kind };
    return { ok: false, errcode: deadAt < record.expiresAt ? 40001 : 42001 };
  }

  /** Every live token of `appId` (or of every account) fails from now on with 40001. */
  revoke(appId: string | undefined, now: number): void {
    for (const record of this.byToken.values()) {
      if ((appId === undefined || record.appId === appId) && usable(record, now)) record.deadAt = now;
    }
  }

  /** Tokens issued so far (new tokens only; a stable call answered with the current token does not count). */
  fetches(appId?: string): number {
    if (appId !== undefined) return this.issuedCount.get(appId) ?? 0;
    let total = 0;
    for (const n of this.issuedCount.values()) total += n;
    return total;
  }

  /** The most recent token of each kind for `appId`, for inspection. */
  currentTokens(appId: string): Partial<Record<TokenKind, TokenRecord>> {
    return { classic: this.current.get(key(appId, 'classic')), stable: this.current.get(key(appId, 'stable')) };
  }

  private issue(appId: string, kind: TokenKind, now: number): TokenRecord {
    this.prune(now);
    const record: TokenRecord = {
      token: `${this.seq++}_${randomBytes(96).toString('base64url')}`,
      appId,
      kind,
      issuedAt: now,
      expiresAt: now + TOKEN_TTL_SECONDS * 1000,
    };
    this.byToken.set(record.token, record);
    this.current.set(key(appId, kind), record);
    this.issuedCount.set(appId, (this.issuedCount.get(appId) ?? 0) + 1);
    return record;
  }

  private endWithOverlap(record: TokenRecord, now: number): void {
    record.deadAt = Math.min(record.deadAt ?? Infinity, now + TOKEN_OVERLAP_SECONDS * 1000);
  }

  /** Forget tokens a day past their expiry, so a long-running emulator stays small. */
  private prune(now: number): void {
    if (this.byToken.size < 1000) return;
    for (const [token, record] of this.byToken) {
      if (record.expiresAt < now - 86_400_000 && this.current.get(key(record.appId, record.kind)) !== record) {
        this.byToken.delete(token);
      }
    }
  }
}

function key(appId: string, kind: TokenKind): string {
  return `${kind}:${appId}`;
}

function usable(record: TokenRecord, now: number): boolean {
  return now < record.expiresAt && now < (record.deadAt ?? Infinity);
}
