import { Logger } from '@nestjs/common';
import type { HttpService } from '@nestjs/axios';
import { AxiosError, type AxiosResponse } from 'axios';
import { firstValueFrom } from 'rxjs';
import { WechatApiError } from '../errors/wechat-api.error.js';
import { WechatTransportError, type TransportFailure } from '../errors/wechat-transport.error.js';
import type { TokenStore } from '../stores/token-store.interface.js';
import type { ResolvedAccount } from '../wechat-accounts.js';
import { DEFAULTS } from '../wechat-mp.constants.js';
import { DEFAULT_RETRY, backoffDelayMs, isRepeatable, type RetryOptions } from './retry-policy.js';
import { TokenService } from './token.service.js';
import type { EndpointSpec } from './wechat-endpoints.js';
import { TOKEN_ERRCODES, explainErrcode } from './wechat-errcodes.js';

/** Where `host: 'mp'` endpoints (showqrcode) live on the real platform. */
export const DEFAULT_MP_BASE_URL = 'https://mp.weixin.qq.com';

/** Client settings beyond the account's own (base URL, timeout and token endpoint come from the account). */
export interface WechatApiClientOptions {
  /** Backoff of repeatable calls; see `RetryOptions`. */
  retry?: Partial<RetryOptions>;
  /**
   * Base URL of `mp.weixin.qq.com` endpoints (the QR code image). Default: `https://mp.weixin.qq.com` when the
   * account uses the real API host, otherwise the account's `apiBaseUrl` (an emulator or proxy serves both).
   */
  mpBaseUrl?: string;
  /** Start refreshing a token this long before it expires. Default `DEFAULTS.tokenRefreshMarginSeconds`. */
  tokenRefreshMarginSeconds?: number;
  /** Clock in epoch milliseconds; tests align it with the emulator's. Default `Date.now`. */
  now?: () => number;
}

/** A file sent as `multipart/form-data`. */
export interface MultipartFile {
  /** Form field name (`media` for every upload API). */
  field: string;
  data: Uint8Array | Blob;
  fileName: string;
  contentType?: string;
}

export interface ApiRequest {
  query?: Record<string, string | number | undefined>;
  /** JSON body, serialized as is (Chinese stays unescaped: WeChat refuses `\uXXXX` in some APIs, errcode 40033). */
  body?: unknown;
  /** Multipart body: the file plus plain fields. */
  file?: MultipartFile;
  fields?: Record<string, string>;
}

/** A downloaded file. */
export interface DownloadedFile {
  data: Buffer;
  contentType: string | undefined;
  /** From `Content-Disposition`, when WeChat sends one. */
  fileName: string | undefined;
}

/** Download endpoints answer with the file, or with JSON for some kinds (a video's URL, a news material). */
export type DownloadResult =
  | { kind: 'file'; file: DownloadedFile }
  | { kind: 'json'; json: Record<string, unknown> };

interface RawResponse {
  status: number;
  contentType: string | undefined;
  disposition: string | undefined;
  body: Buffer;
}

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED']);
const RID_PATTERN = /\brid:\s*([\w-]+)/;
const FILENAME_PATTERN = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i;

/**
 * The one client for one account's platform API. It adds the access_token, turns `errcode` ≠ 0 into
 * `WechatApiError` and transport failures into `WechatTransportError`, repeats what is safe to repeat
 * (see `isRepeatable`), and after a token error (40001/40014/42001) refreshes the token and tries once more.
 */
export class WechatApiClient {
  readonly token: TokenService;
  private readonly retry: RetryOptions;
  private readonly mpBaseUrl: string;
  private readonly apiBaseUrl: string;
  private readonly logger = new Logger('WechatApiClient');

  constructor(
    readonly account: ResolvedAccount,
    private readonly http: HttpService,
    store: TokenStore,
    options: WechatApiClientOptions = {},
  ) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.apiBaseUrl = withoutTrailingSlash(account.apiBaseUrl);
    this.mpBaseUrl = withoutTrailingSlash(
      options.mpBaseUrl ?? (this.apiBaseUrl === DEFAULTS.apiBaseUrl ? DEFAULT_MP_BASE_URL : this.apiBaseUrl),
    );
    this.token = new TokenService(this, store, {
      endpoint: account.tokenEndpoint,
      refreshMarginSeconds: options.tokenRefreshMarginSeconds ?? DEFAULTS.tokenRefreshMarginSeconds,
      now: options.now ?? Date.now,
    });
  }

  /** Calls a JSON endpoint; resolves with WeChat's answer (errcode 0 or absent). */
  async request<T = Record<string, unknown>>(endpoint: EndpointSpec, request: ApiRequest = {}): Promise<T> {
    const response = await this.withToken(endpoint, request);
    const json = parseJson(response.body);
    if (json === undefined) {
      throw new WechatTransportError('bad_response', endpoint.path, 'the answer is not a JSON object', response.status);
    }
    return json as T;
  }

  /** Calls a binary endpoint; a JSON answer with errcode ≠ 0 is still a `WechatApiError`. */
  async download(endpoint: EndpointSpec, request: ApiRequest = {}): Promise<DownloadResult> {
    const response = await this.withToken(endpoint, request);
    const json = looksLikeJson(response) ? parseJson(response.body) : undefined;
    if (json) return { kind: 'json', json };
    const fileName = response.disposition ? FILENAME_PATTERN.exec(response.disposition)?.[1] : undefined;
    return { kind: 'file', file: { data: response.body, contentType: response.contentType, fileName } };
  }

  /** The full URL of an endpoint that needs no token (e.g. the QR code image), query encoded. */
  urlOf(endpoint: EndpointSpec, query: Record<string, string> = {}): string {
    const search = new URLSearchParams(query).toString();
    return `${this.baseUrlOf(endpoint)}${endpoint.path}${search ? `?${search}` : ''}`;
  }

  /**
   * Runs one call with the current token. On a token error: expire that token only if it is still the stored
   * one, get the current token (fetching one if needed) and try exactly once more; a second token error is thrown.
   */
  private async withToken(endpoint: EndpointSpec, request: ApiRequest): Promise<RawResponse> {
    if (!endpoint.needsToken) return this.withRetries(endpoint, request, undefined);
    const token = await this.token.getAccessToken();
    try {
      return await this.withRetries(endpoint, request, token);
    } catch (error) {
      if (!(error instanceof WechatApiError) || !TOKEN_ERRCODES.has(error.errcode)) throw error;
      this.logger.warn(`${endpoint.path}: access token refused (errcode ${error.errcode}); refreshing and trying once more`);
      const fresh = await this.token.recoverFrom(token);
      return this.withRetries(endpoint, request, fresh);
    }
  }

  private async withRetries(endpoint: EndpointSpec, request: ApiRequest, token: string | undefined): Promise<RawResponse> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.exchange(endpoint, request, token);
      } catch (error) {
        if (attempt >= this.retry.attempts || !isRepeatable(endpoint, error)) throw error;
        const delay = backoffDelayMs(attempt, this.retry);
        // warn, not debug: a retry is a platform hiccup an operator wants to see under Nest's default log levels.
        this.logger.warn(`${endpoint.path}: try ${attempt} failed (${(error as Error).message}); retrying in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /** One HTTP exchange: the response, or the typed error it amounts to. */
  private async exchange(endpoint: EndpointSpec, request: ApiRequest, token: string | undefined): Promise<RawResponse> {
    const timeout = this.account.apiTimeoutMs;
    let response: AxiosResponse<ArrayBuffer | Buffer>;
    try {
      response = await firstValueFrom(
        this.http.request<ArrayBuffer | Buffer>({
          url: this.baseUrlOf(endpoint) + endpoint.path,
          method: endpoint.method,
          params: token === undefined ? request.query : { ...request.query, access_token: token },
          ...encodeBody(endpoint, request),
          responseType: 'arraybuffer',
          timeout,
          // Also bounds a server that keeps the connection alive without finishing its answer.
          signal: AbortSignal.timeout(timeout + 100),
          maxRedirects: 0,
          validateStatus: () => true,
        }),
      );
    } catch (error) {
      throw toTransportError(error, endpoint, timeout);
    }
    const raw: RawResponse = {
      status: response.status,
      contentType: headerOf(response, 'content-type'),
      disposition: headerOf(response, 'content-disposition'),
      body: Buffer.from(response.data as ArrayBuffer),
    };
    const json = looksLikeJson(raw) ? parseJson(raw.body) : undefined;
    const errcode = json === undefined ? undefined : Number(json.errcode ?? 0);
    if (errcode !== undefined && Number.isFinite(errcode) && errcode !== 0) {
      const errmsg = typeof json?.errmsg === 'string' ? json.errmsg : '';
      const rid = typeof json?.rid === 'string' ? json.rid : RID_PATTERN.exec(errmsg)?.[1];
      throw new WechatApiError(errcode, errmsg, endpoint.path, rid, explainErrcode(errcode));
    }
    if (raw.status < 200 || raw.status >= 300) {
      throw new WechatTransportError('http_status', endpoint.path, `HTTP ${raw.status}`, raw.status);
    }
    return raw;
  }

  private baseUrlOf(endpoint: EndpointSpec): string {
    return endpoint.host === 'mp' ? this.mpBaseUrl : this.apiBaseUrl;
  }
}

/** Base URLs are joined with paths that start with `/`. */
function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function encodeBody(endpoint: EndpointSpec, request: ApiRequest): { data?: unknown; headers?: Record<string, string> } {
  if (endpoint.body === 'json') {
    return { data: JSON.stringify(request.body ?? {}), headers: { 'Content-Type': 'application/json; charset=utf-8' } };
  }
  if (endpoint.body === 'multipart' && request.file) {
    // A fresh FormData per try: axios turns it into a stream.
    const form = new FormData();
    for (const [name, value] of Object.entries(request.fields ?? {})) form.append(name, value);
    const { data, fileName, contentType, field } = request.file;
    const blob = data instanceof Blob ? data : new Blob([data], contentType ? { type: contentType } : undefined);
    form.append(field, blob, fileName);
    return { data: form };
  }
  return {};
}

/** Maps an axios failure to a transport error without its config: the URL query and body hold secrets. */
function toTransportError(error: unknown, endpoint: EndpointSpec, timeout: number): WechatTransportError {
  const code = error instanceof AxiosError ? error.code : (error as { code?: string } | undefined)?.code;
  const causeCode = (error as { cause?: { code?: string } } | undefined)?.cause?.code;
  const networkCode = code === 'ERR_NETWORK' || code === undefined ? causeCode ?? code : code;
  let reason: TransportFailure = 'network';
  let detail = `connection failed (${networkCode ?? 'unknown error'})`;
  if (networkCode && TIMEOUT_CODES.has(networkCode)) {
    reason = 'timeout';
    detail = `no answer within ${timeout} ms`;
  } else if (networkCode && CONNECT_CODES.has(networkCode)) {
    reason = 'connect';
    detail = `could not connect (${networkCode})`;
  }
  return new WechatTransportError(reason, endpoint.path, detail, undefined, networkCode);
}

function headerOf(response: AxiosResponse, name: string): string | undefined {
  const value = (response.headers as Record<string, unknown>)[name];
  return value === undefined || value === null ? undefined : String(value);
}

/** WeChat labels some JSON answers `text/plain`; binary answers are never `{`-prefixed text. */
function looksLikeJson(response: RawResponse): boolean {
  const type = response.contentType?.toLowerCase() ?? '';
  if (type.includes('json') || type.startsWith('text/')) return true;
  const first = response.body.subarray(0, 16).toString('latin1').trimStart()[0];
  return first === '{' && !type.startsWith('image/') && !type.startsWith('audio/') && !type.startsWith('video/');
}

function parseJson(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
