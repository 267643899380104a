import type { InboundMessage } from '../message/message-types.js';
import type { EmulatorClock } from './emulator-clock.js';
import { fail } from './emulator-errors.js';
import type { AccountState, JsonObject } from './emulator-state.js';
import type { MultipartForm } from './multipart.js';
import type { RecordedRequest } from './request-log.js';
import type { TokenLedger } from './token-ledger.js';

/** What route handlers may see of the emulator. */
export interface EmulatorCore {
  readonly clock: EmulatorClock;
  readonly tokens: TokenLedger;
  /** `http://127.0.0.1:PORT`, for URLs the API hands out (media, QR codes). */
  readonly baseUrl: string;
  /** Client IPs allowed to fetch tokens; undefined = any (WeChat's 40164 check). */
  readonly ipWhitelist?: readonly string[];
  account(appId: string): AccountState | undefined;
  accountIds(): readonly string[];
  /** Daily limit for `path`, after start-option overrides; undefined = unlimited. */
  quotaLimit(path: string): number | undefined;
  /**
   * The follower selected on the emulator's page: the one source of "who is at the phone". The OAuth authorize
   * step logs them in (silently for snsapi_base, preselected on the snsapi_userinfo consent screen).
   */
  pageFollower(appId: string): { openid: string; nickname: string; following: boolean };
  /** The nickname the page shows for `openid` (what `sns/userinfo` and the consent screen show). */
  pageNickname(appId: string, openid: string): string;
  /** How long a publish or mass-send job runs before its *JOBFINISH event (start option `jobDelayMs`). */
  readonly jobDelayMs: number;
  /**
   * Runs `finish` after `delayMs` (the platform's asynchronous jobs) and pushes the event it returns to the
   * account's callback URL, as WeChat pushes PUBLISHJOBFINISH or MASSSENDJOBFINISH.
   */
  later(account: AccountState, delayMs: number, finish: () => InboundMessage | undefined): void;
  /** The call whose error answer carried `rid`, while the request log still holds it. */
  requestByRid(rid: string): RecordedRequest | undefined;
  /**
   * An event an API call makes WeChat push (e.g. `user_authorize_invoice` after `card/invoice/getauthurl`):
   * recorded in `platformPushes()`, and pushed to the account's callback URL when there is one. Optional so hand-built cores in
   * tests need not provide it.
   */
  notify?(account: AccountState, message: InboundMessage): void;
}

interface BaseContext {
  readonly core: EmulatorCore;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly remoteAddress: string;
  /** The JSON body as an object. Throws 44002 when empty, 47001 when it is not a JSON object. */
  json(): JsonObject;
  /** The body as text (JSON routes only), e.g. to spot `\uXXXX` escapes WeChat refuses in menus. */
  rawText(): string;
  /** Names the account in the request log (token routes only know it after reading the appid). */
  setAppId(appId: string): void;
}

export type PublicContext = BaseContext;

export interface AuthedContext extends BaseContext {
  /** The account the access_token belongs to. */
  readonly account: AccountState;
  /** Parses a multipart/form-data body; a file reaching `maxFileBytes` comes back cut there with `truncated: true`. */
  multipart(maxFileBytes: number): Promise<MultipartForm>;
}

/** A binary answer (media download, QR image). */
export class BinaryBody {
  constructor(
    readonly bytes: Buffer,
    readonly contentType: string,
    readonly filename?: string,
  ) {}
}

/** A plain HTTP answer outside WeChat's JSON convention (e.g. showqrcode's 404). */
export class HttpStatusBody {
  constructor(
    readonly status: number,
    readonly text: string,
  ) {}
}

/** A page, script or redirect the emulator serves as a browser would get it (OAuth authorize, jweixin). */
export class PageBody {
  constructor(
    readonly status: number,
    readonly contentType: string,
    readonly text: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}

  static redirect(location: string): PageBody {
    return new PageBody(302, 'text/html; charset=utf-8', '', { Location: location });
  }
}

export type RouteResult = JsonObject | BinaryBody | HttpStatusBody | PageBody;

interface RouteBase {
  readonly method: 'GET' | 'POST';
  /** Path on api.weixin.qq.com. */
  readonly path: string;
  /** The doc page the behaviour comes from. */
  readonly doc: string;
  /** Default daily quota from the docs' 接口调用频次 table; undefined = none documented. */
  readonly quota?: number;
  /** How the body is read: JSON (buffered, bounded), multipart (parsed by the handler), or none. */
  readonly body: 'json' | 'multipart' | 'none';
}

export interface AuthedRoute extends RouteBase {
  readonly needsToken: true;
  handler(ctx: AuthedContext): RouteResult | Promise<RouteResult>;
}

export interface PublicRoute extends RouteBase {
  readonly needsToken: false;
  handler(ctx: PublicContext): RouteResult | Promise<RouteResult>;
}

export type EmulatorRoute = AuthedRoute | PublicRoute;

/** Where the emulator serves uploaded files (its stand-in for mmbiz.qpic.cn). */
export const FILES_PREFIX = '/emulator/files/';

/** WeChat's success envelope. */
export const OK = Object.freeze({ errcode: 0, errmsg: 'ok' });

/** A required non-empty string field; `missing` is the errcode for absent/empty, default 40097. */
export function requireString(body: JsonObject, field: string, missing: Parameters<typeof fail>[0] = 40097): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0) fail(missing);
  return value;
}

/** An optional string field; anything else but a string/undefined is 40097. */
export function optionalString(body: JsonObject, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') fail(40097);
  return value;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** UTF-8 length: WeChat's limits are in bytes ("不超过16个字节"). */
export function byteLength(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** Counts one call of `path` against `account`'s daily quota; 45009 when spent. */
export function chargeQuota(core: EmulatorCore, account: AccountState, path: string): void {
  if (!account.quota.take(path, core.quotaLimit(path), core.clock.now())) fail(45009);
}
