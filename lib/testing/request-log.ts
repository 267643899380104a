/** One API call as the emulator saw it. Secrets are replaced by `'***'`. */
export interface RecordedRequest {
  /** Emulator time (epoch ms) when the call arrived. */
  readonly at: number;
  readonly method: string;
  readonly path: string;
  /** Query parameters, with `access_token` and `secret` redacted. */
  readonly query: Readonly<Record<string, string>>;
  /** JSON body (redacted), a multipart summary, or undefined. */
  readonly body?: unknown;
  /** The account the call was made for, when known. */
  readonly appId?: string;
  /** HTTP status sent (0 when the connection was reset). */
  readonly status: number;
  /** `errcode` of the JSON answer; 0 for success, undefined for binary answers. */
  readonly errcode?: number;
  /** The injected fault that shaped this answer, if any. */
  readonly fault?: string;
  /** Error answers only: the rid WeChat appends to errmsg, and the answer as sent (for `openapi/rid/get`). */
  readonly rid?: string;
  readonly response?: string;
}

const SECRET_KEYS = new Set(['access_token', 'refresh_token', 'secret', 'appsecret', 'app_secret', 'encodingaeskey', 'jsapi_ticket']);
/** The log is a ring: a long-running CLI emulator must not grow without bound. */
const MAX_ENTRIES = 5000;

export function redactQuery(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of query) out[key] = SECRET_KEYS.has(key.toLowerCase()) ? '***' : value;
  return out;
}

/** Copy of a JSON value with secret fields replaced, depth-bounded. */
export function redactBody(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactBody(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEYS.has(key.toLowerCase()) ? '***' : redactBody(v, depth + 1);
  }
  return out;
}

export class RequestLog {
  private readonly entries: RecordedRequest[] = [];
  private readonly listeners = new Set<(entry: RecordedRequest) => void>();

  add(entry: RecordedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    for (const listener of this.listeners) {
      try {
        listener(entry);
      } catch {
        // a listener (the page) must never break the API answer path
      }
    }
  }

  /** Calls `listener` after each entry is added (the emulator's page updates live); returns the unsubscribe. */
  subscribe(listener: (entry: RecordedRequest) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The call whose error answer carried `rid`, while it is still in the ring. */
  byRid(rid: string): RecordedRequest | undefined {
    return this.entries.findLast((entry) => entry.rid === rid);
  }

  all(): readonly RecordedRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries.length = 0;
  }
}
