import { createHash } from 'node:crypto';
import type { AccountState } from '../emulator-state.js';
import { isLive } from '../ticket-ledger.js';

/** What a page passed to `wx.config`, plus where it is (`location.href`). */
export interface ConfigCheckInput {
  appId: string;
  timestamp: string;
  nonceStr: string;
  signature: string;
  /** The page's `location.href`, fragment included. */
  href: string;
}

export interface ConfigCheckResult {
  ok: boolean;
  /** WeChat's own text: `config:ok`, `config:invalid signature`, `config:fail,invalid appid`, … */
  errMsg: string;
  /** What exactly is wrong, in the words a developer needs (WeChat's debug mode is terser). */
  reason: string;
}

/**
 * The emulator's own check of a `wx.config` signature (written independently of the library's signer): the
 * signature must be the SHA-1 of the fields sorted by name, `key=value` joined by `&`, over a live jsapi_ticket and
 * the page URL without its fragment. When it does not match, tries the usual mistakes to say which one it was.
 */
export function checkWxConfig(account: AccountState | undefined, input: ConfigCheckInput, now: number): ConfigCheckResult {
  if (!account) return fail('config:fail,invalid appid', `no account with appId "${input.appId.slice(0, 64)}"`);
  for (const field of ['timestamp', 'nonceStr', 'signature'] as const) {
    if (!input[field]) return fail('config:invalid signature', `wx.config has no ${field}`);
  }
  if (!/^\d{1,12}$/.test(input.timestamp)) return fail('config:invalid signature', 'timestamp must be whole seconds');
  const page = input.href.split('#')[0]!;
  const tickets = account.tickets.all('jsapi');
  if (tickets.length === 0) return fail('config:invalid signature', 'no jsapi_ticket was ever issued to this account (call ticket/getticket)');
  const matches = (url: string) => tickets.find((t) => sign({ jsapi_ticket: t.ticket, noncestr: input.nonceStr, timestamp: input.timestamp, url }) === input.signature);

  const exact = matches(page);
  if (exact && isLive(exact, now)) return { ok: true, errMsg: 'config:ok', reason: 'signature verified against the current jsapi_ticket and this page URL' };
  if (exact) return fail('config:invalid signature', 'stale jsapi_ticket: the signature uses a ticket that has been replaced or has expired');

  for (const [url, why] of wrongUrls(input.href, page)) {
    const hit = matches(url);
    if (hit) return fail('config:invalid signature', `wrong URL: signed for "${url}" (${why}) but the page is "${page}"`);
  }
  return fail('config:invalid signature', 'bad signature: it matches no jsapi_ticket for this URL, nonceStr and timestamp');
}

/** URLs an app signs by mistake, and what the mistake is. */
function wrongUrls(href: string, page: string): [string, string][] {
  const out: [string, string][] = [];
  if (href !== page) out.push([href, 'the fragment must be removed']);
  out.push([encodeURIComponent(page), 'the URL must not be URL-encoded']);
  const withoutQuery = page.split('?')[0]!;
  if (withoutQuery !== page) out.push([withoutQuery, 'the query string is part of the signed URL']);
  try {
    const decoded = decodeURIComponent(page);
    if (decoded !== page) out.push([decoded, 'sign the URL exactly as location.href has it']);
  } catch {
    // not decodable: no such mistake
  }
  if (page.endsWith('/')) out.push([page.slice(0, -1), 'the trailing slash is part of the URL']);
  else out.push([`${page}/`, 'no trailing slash on the page URL']);
  return out;
}

function sign(fields: Record<string, string>): string {
  const plain = Object.keys(fields)
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join('&');
  return createHash('sha1').update(plain).digest('hex');
}

function fail(errMsg: string, reason: string): ConfigCheckResult {
  return { ok: false, errMsg, reason };
}
