import { Logger } from '@nestjs/common';
import { WechatApiError } from '../errors/wechat-api.error.js';
import { WechatConfigError } from '../errors/wechat-config.error.js';
import type { TokenStore } from '../stores/token-store.interface.js';
import type { ResolvedAccount } from '../wechat-accounts.js';
import { DEFAULTS } from '../wechat-mp.constants.js';
import { validateDto } from './dto/validate-dto.js';
import type { CallArgs, EndpointRow, ResponseOf } from './endpoint.js';
import type { RetryOptions } from './retry-policy.js';
import { TICKET_ENDPOINTS } from './jssdk/ticket.endpoints.js';
import { TicketService } from './jssdk/ticket.service.js';
import { TokenService } from './token.service.js';
import type { WechatHttpClient } from './transport/http-client.js';
import { WechatHttpTransport, looksLikeJson, parseJson, type RawResponse, type WireRequest } from './transport/wechat-http.transport.js';
import { TOKEN_ERRCODES } from './wechat-errcodes.js';

export type { MultipartFile } from './transport/wechat-http.transport.js';
export type { DownloadResult, DownloadedFile, UploadFile } from './api-files.js';
import type { DownloadResult, UploadFile } from './api-files.js';

/** Where `host: 'mp'` endpoints (showqrcode) live on the real platform. */
export const DEFAULT_MP_BASE_URL = 'https://mp.weixin.qq.com';
/** Where `host: 'open'` endpoints (the OAuth authorize page) live on the real platform. */
export const DEFAULT_OPEN_BASE_URL = 'https://open.weixin.qq.com';

/** Client settings beyond the account's own (base URL, timeout and token endpoint come from the account). */
export interface WechatApiClientOptions {
  /** Backoff of repeatable calls; see `RetryOptions`. */
  retry?: Partial<RetryOptions>;
  /**
   * Base URL of `mp.weixin.qq.com` endpoints (the QR code image). Default: `https://mp.weixin.qq.com` when the
   * account uses the real API host, otherwise the account's `apiBaseUrl` (an emulator or proxy serves both).
   */
  mpBaseUrl?: string;
  /**
   * Base URL of `open.weixin.qq.com` (the OAuth authorize page; module option `oauthBaseUrl`). Default: `https://open.weixin.qq.com` when the
   * account uses the real API host, otherwise the account's `apiBaseUrl`.
   */
  openBaseUrl?: string;
  /** Start refreshing a token this long before it expires. Default `DEFAULTS.tokenRefreshMarginSeconds`. */
  tokenRefreshMarginSeconds?: number;
  /** Clock in epoch milliseconds; tests align it with the emulator's. Default `Date.now`. */
  now?: () => number;
}

/** @deprecated The raw wire input of the removed `request()`; every row takes its DTO-shaped input through `call()`. */
export type ApiRequest = WireRequest;

const FILENAME_PATTERN = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i;

/**
 * The one client for one account's platform API. `call(ENDPOINTS.row, input)` validates the input against the
 * row's request DTO (`WechatValidationError` naming the field, before anything is sent), adds the row's
 * credential, and resolves with the row's response type. Transport and retries are `WechatHttpTransport`'s;
 * after a credential error (40001/40014/42001) the client recovers the token and tries exactly once more.
 */
export class WechatApiClient {
  readonly token: TokenService;
  /** The JS-SDK tickets (jsapi, wx_card), in the same store and credential manager as the token. */
  readonly tickets: TicketService;
  readonly transport: WechatHttpTransport;
  private readonly logger = new Logger('WechatApiClient');

  constructor(
    readonly account: ResolvedAccount,
    http: WechatHttpClient,
    store: TokenStore,
    options: WechatApiClientOptions = {},
  ) {
    const api = withoutTrailingSlash(account.apiBaseUrl);
    const real = api === DEFAULTS.apiBaseUrl;
    this.transport = new WechatHttpTransport(http, {
      baseUrls: {
        api,
        mp: withoutTrailingSlash(options.mpBaseUrl ?? (real ? DEFAULT_MP_BASE_URL : api)),
        open: withoutTrailingSlash(options.openBaseUrl ?? (real ? DEFAULT_OPEN_BASE_URL : api)),
      },
      timeoutMs: account.apiTimeoutMs,
      retry: options.retry,
    });
    const refreshMarginSeconds = options.tokenRefreshMarginSeconds ?? DEFAULTS.tokenRefreshMarginSeconds;
    const now = options.now ?? Date.now;
    this.token = new TokenService(this.transport, account, store, { endpoint: account.tokenEndpoint, refreshMarginSeconds, now });
    this.tickets = new TicketService(store, account.appId, { refreshMarginSeconds, now }, (type) =>
      this.call(TICKET_ENDPOINTS.getTicket, { type }),
    );
  }

  /**
   * Performs any row of `ENDPOINTS`, including rows no service wraps yet. JSON rows resolve with WeChat's answer
   * (errcode 0 or absent), binary rows with a `DownloadResult`.
   */
  async call<E extends EndpointRow<any, any>>(row: E, ...[input]: CallArgs<E>): Promise<ResponseOf<E>> {
    const raw = await this.withCredential(row, this.toWire(row, input));
    return (row.response === 'binary' ? toDownload(raw) : this.transport.json(row, raw)) as ResponseOf<E>;
  }

  /** The full URL of a row that needs no credential (the QR code image, the OAuth authorize page). */
  urlOf(row: Pick<EndpointRow, 'host' | 'path'>, query: Record<string, string> = {}): string {
    return this.transport.urlOf(row, query);
  }

  /** Validates the input against the row's DTO and splits it into query, JSON body, form fields and file. */
  private toWire(row: EndpointRow, input: unknown): WireRequest {
    if (!row.request) return {};
    const fields = validateDto(row.request, input) as Record<string, unknown>;
    const inQuery = new Set(row.body === 'none' ? Object.keys(fields) : row.query ?? []);
    const query: Record<string, string> = {};
    const rest: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      if (inQuery.has(name)) query[name] = typeof value === 'string' ? value : JSON.stringify(value);
      else rest[name] = value;
    }
    if (row.body === 'text') return { query, body: Object.values(rest).join('') };
    if (row.body !== 'multipart') return { query, ...(row.body === 'json' ? { body: rest } : {}) };
    const { [row.file ?? 'media']: file, ...form } = rest;
    const upload = file as UploadFile | undefined;
    return {
      query,
      fields: Object.fromEntries(Object.entries(form).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])),
      ...(upload ? { file: { field: row.file ?? 'media', ...upload } } : {}),
    };
  }

  /**
   * Adds the row's credential. With the access_token: on a token error, expire that token only if it is still the
   * stored one, get the current token (fetching one if needed) and try exactly once more.
   */
  private async withCredential(row: EndpointRow, wire: WireRequest): Promise<RawResponse> {
    if (row.credential === 'none') return this.transport.send(row, wire);
    if (row.credential === 'app_secret') {
      const { appId, appSecret } = this.account;
      if (!appSecret) throw new WechatConfigError(`appSecret (account ${this.account.name})`, `${row.path} needs the AppSecret`);
      return this.transport.send(row, { ...wire, query: { ...wire.query, appid: appId, secret: appSecret } });
    }
    const token = await this.token.getAccessToken();
    try {
      return await this.transport.send(row, withToken(wire, token));
    } catch (error) {
      if (!(error instanceof WechatApiError) || !TOKEN_ERRCODES.has(error.errcode)) throw error;
      this.logger.warn(`${row.path}: access token refused (errcode ${error.errcode}); refreshing and trying once more`);
      const fresh = await this.token.recoverFrom(token);
      return this.transport.send(row, withToken(wire, fresh));
    }
  }
}

function withToken(wire: WireRequest, token: string): WireRequest {
  return { ...wire, query: { ...wire.query, access_token: token } };
}

function toDownload(response: RawResponse): DownloadResult {
  const json = looksLikeJson(response) ? parseJson(response.body) : undefined;
  if (json) return { kind: 'json', json };
  const fileName = response.disposition ? FILENAME_PATTERN.exec(response.disposition)?.[1] : undefined;
  return { kind: 'file', file: { data: response.body, contentType: response.contentType, fileName } };
}

/** Base URLs are joined with paths that start with `/`. */
function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
