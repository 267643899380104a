import { randomBytes } from 'node:crypto';

/**
 * JS-SDK ticket lifecycle, the same as the classic access_token's (token-ledger.ts): `ticket/getticket` issues a
 * ticket valid 7200 s; the previous one keeps working 5 more minutes, then counts as stale.
 * https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html (附录1: "jsapi_ticket的有效期为7200秒")
 */
export type EmulatorTicketType = 'jsapi' | 'wx_card';

export interface TicketRecord {
  readonly ticket: string;
  readonly type: EmulatorTicketType;
  readonly issuedAt: number;
  readonly expiresAt: number;
  deadAt?: number;
}

export const TICKET_TTL_SECONDS = 7200;
const OVERLAP_MS = 300_000;
/** Tickets remembered per type, so a stale one is still recognised as stale (not unknown). */
const KEEP = 50;

export class TicketLedger {
  private readonly issued: TicketRecord[] = [];

  issue(type: EmulatorTicketType, now: number): TicketRecord {
    const previous = this.current(type, now);
    if (previous) previous.deadAt = Math.min(previous.deadAt ?? Infinity, now + OVERLAP_MS);
    const record: TicketRecord = {
      ticket: randomBytes(64).toString('base64url'),
      type,
      issuedAt: now,
      expiresAt: now + TICKET_TTL_SECONDS * 1000,
    };
    this.issued.push(record);
    const ofType = this.issued.filter((r) => r.type === type);
    if (ofType.length > KEEP) this.issued.splice(this.issued.indexOf(ofType[0]!), 1);
    return record;
  }

  /** The newest live ticket of `type`, if any. */
  current(type: EmulatorTicketType, now: number): TicketRecord | undefined {
    return this.all(type).find((r) => isLive(r, now));
  }

  /** Every remembered ticket of `type`, newest first. */
  all(type: EmulatorTicketType): TicketRecord[] {
    return this.issued.filter((r) => r.type === type).reverse();
  }

  /** Every live ticket now counts as stale (as after a refresh elsewhere long ago). */
  revoke(now: number): void {
    for (const record of this.issued) if (isLive(record, now)) record.deadAt = now;
  }
}

export function isLive(record: TicketRecord, now: number): boolean {
  return now < record.expiresAt && now < (record.deadAt ?? Infinity);
}
