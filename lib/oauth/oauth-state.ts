import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a visitor may take on WeChat's authorize page. */
export const STATE_TTL_SECONDS = 600;

/**
 * The CSRF-safe `state`: `<seconds, 8 hex><attempt, 1 hex><nonce, 16 hex><HMAC-SHA256, 32 hex>` (57 letters and
 * digits, within WeChat's 128). The MAC binds time, attempt and nonce to this app's key; the nonce is also set in an
 * HttpOnly cookie, so a state (and code) carried into someone else's browser does not match their cookie.
 */
export function createState(key: Buffer, attempt: number, now = Date.now()): { state: string; nonce: string } {
  const nonce = randomBytes(8).toString('hex');
  const head = `${Math.floor(now / 1000).toString(16).padStart(8, '0')}${Math.min(attempt, 15).toString(16)}${nonce}`;
  return { state: `${head}${sign(key, head)}`, nonce };
}

export type StateCheck =
  | { ok: true; nonce: string; attempt: number; expired: boolean }
  | { ok: false };

/** Verifies the MAC (constant time) and reads the parts; `expired` past `STATE_TTL_SECONDS`. */
export function readState(key: Buffer, state: string, now = Date.now()): StateCheck {
  if (!/^[0-9a-f]{57}$/.test(state)) return { ok: false };
  const head = state.slice(0, 25);
  const given = Buffer.from(state.slice(25), 'hex');
  const expected = Buffer.from(sign(key, head), 'hex');
  if (!timingSafeEqual(given, expected)) return { ok: false };
  const issued = parseInt(head.slice(0, 8), 16);
  return { ok: true, attempt: parseInt(head[8]!, 16), nonce: head.slice(9), expired: now / 1000 - issued > STATE_TTL_SECONDS };
}

function sign(key: Buffer, head: string): string {
  return createHmac('sha256', key).update(`state|${head}`).digest('hex').slice(0, 32);
}
