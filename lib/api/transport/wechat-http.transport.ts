import { Logger } from '@nestjs/common';
import { AxiosError, type AxiosInstance, type AxiosResponse } from 'axios';
import { WechatApiError } from '../../errors/wechat-api.error.js';
import { WechatTransportError, type TransportFailure } from '../../errors/wechat-transport.error.js';
import type { EndpointHost, EndpointRow } from '../endpoint.js';
import { DEFAULT_RETRY, backoffDelayMs, isRepeatable, type RetryOptions } from '../retry-policy.js';
import { explainErrcode } from '../wechat-errcodes.js';
import { axiosOf, type WechatHttpClient } from './http-client.js';

/** A file sent as `multipart/form-data`. */
export interface MultipartFile {
  /** Form field name (`media` for every upload API). */
  field: string;
  data: Uint8Array | Blob;
  fileName: string;
  contentType?: string;
}

/** One call as it goes on the wire, after validation; credentials are added by the caller. */
export interface WireRequest {
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON body, serialized as is (Chinese stays unescaped: WeChat refuses `\uXXXX` in some APIs, errcode 40033). */
  body?: unknown;
  /** Multipart body: the file plus plain fields. */
  file?: MultipartFile;
  fields?: Record<string, string>;
}

/** An HTTP answer that is not an error. */
export interface RawResponse {
  status: number;
  contentType: string | undefined;
  disposition: string | undefined;
  body: Buffer;
}

export type HostBaseUrls = Readonly<Record<EndpointHost, string>>;

export interface TransportOptions {
  baseUrls: HostBaseUrls;
  timeoutMs: number;
  retry?: Partial<RetryOptions>;
}

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED']);
const RID_PATTERN = /\brid:\s*([\w-]+)/;

/**
 * The HTTP side of every platform call: one exchange, errcode ≠ 0 → `WechatApiError`, transport failures →
 * `WechatTransportError`, and the retries a row's `kind` allows. It knows nothing of credentials: the client and
 * the credential manager add theirs to the query.
 */
export class WechatHttpTransport {
  private readonly retry: RetryOptions;
  private readonly logger = new Logger('WechatApiClient');
  private readonly http: AxiosInstance;

  constructor(
    http: WechatHttpClient,
    private readonly options: TransportOptions,
  ) {
    this.http = axiosOf(http);
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  /** Performs `request` with the row's retry policy; resolves with a 2xx answer that carries no errcode. */
  async send(endpoint: EndpointRow, request: WireRequest): Promise<RawResponse> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.exchange(endpoint, request);
      } catch (error) {
        if (attempt >= this.retry.attempts || !isRepeatable(endpoint, error)) throw error;
        const delay = backoffDelayMs(attempt, this.retry);
        this.logger.warn(`${endpoint.path}: try ${attempt} failed (${(error as Error).message}); retrying in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /** The JSON object of an answer, or a `bad_response` error naming the row's path. */
  json(endpoint: EndpointRow, response: RawResponse): Record<string, unknown> {
    const json = parseJson(response.body);
    if (json === undefined) {
      throw new WechatTransportError('bad_response', endpoint.path, 'the answer is not a JSON object', response.status);
    }
    for (const key of endpoint.expect ?? []) {
      if (json[key] === undefined) {
        throw new WechatTransportError('bad_response', endpoint.path, `the answer has no "${key}"`, response.status);
      }
    }
    return json;
  }

  /** The full URL of a row, query encoded (for URLs handed to a browser, such as the QR code image). */
  urlOf(endpoint: Pick<EndpointRow, 'host' | 'path'>, query: Record<string, string> = {}): string {
    const search = new URLSearchParams(query).toString();
    return `${this.options.baseUrls[endpoint.host]}${endpoint.path}${search ? `?${search}` : ''}`;
  }

  private async exchange(endpoint: EndpointRow, request: WireRequest): Promise<RawResponse> {
    const timeout = this.options.timeoutMs;
    let response: AxiosResponse<ArrayBuffer | Buffer>;
    try {
      response = await this.http.request<ArrayBuffer | Buffer>({
          url: this.options.baseUrls[endpoint.host] + endpoint.path,
          method: endpoint.method,
          params: request.query,
          ...encodeBody(endpoint, request),
          responseType: 'arraybuffer',
          timeout,
          // Also bounds a server that keeps the connection alive without finishing its answer.
          signal: AbortSignal.timeout(timeout + 100),
          maxRedirects: 0,
          validateStatus: () => true,
        });
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
}

function encodeBody(endpoint: EndpointRow, request: WireRequest): { data?: unknown; headers?: Record<string, string> } {
  if (endpoint.body === 'json') {
    return { data: JSON.stringify(request.body ?? {}), headers: { 'Content-Type': 'application/json; charset=utf-8' } };
  }
  if (endpoint.body === 'text') {
    return { data: String(request.body ?? ''), headers: { 'Content-Type': 'text/plain; charset=utf-8' } };
  }
  // Form fields go even without a file (图片智能裁剪's `ratios` next to an `img_url`).
  if (endpoint.body === 'multipart' && (request.file || Object.keys(request.fields ?? {}).length > 0)) {
    // A fresh FormData per try: axios turns it into a stream.
    const form = new FormData();
    for (const [name, value] of Object.entries(request.fields ?? {})) form.append(name, value);
    if (request.file) {
      const { data, fileName, contentType, field } = request.file;
      const blob = data instanceof Blob ? data : new Blob([data], contentType ? { type: contentType } : undefined);
      form.append(field, blob, fileName);
    }
    return { data: form };
  }
  return {};
}

/** Maps an axios failure to a transport error without its config: the URL query and body hold secrets. */
function toTransportError(error: unknown, endpoint: EndpointRow, timeout: number): WechatTransportError {
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
export function looksLikeJson(response: RawResponse): boolean {
  const type = response.contentType?.toLowerCase() ?? '';
  if (type.includes('json') || type.startsWith('text/')) return true;
  const first = response.body.subarray(0, 16).toString('latin1').trimStart()[0];
  return first === '{' && !type.startsWith('image/') && !type.startsWith('audio/') && !type.startsWith('video/');
}

export function parseJson(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
