import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EmulatorApiFault, WECHAT_ERRMSG } from './emulator-errors.js';
import type { AccountState, JsonObject } from './emulator-state.js';
import type { FaultInjector } from './fault-injector.js';
import { parseMultipart, type MultipartForm } from './multipart.js';
import { redactBody, redactQuery, type RequestLog } from './request-log.js';
import {
  BinaryBody,
  FILES_PREFIX,
  HttpStatusBody,
  PageBody,
  chargeQuota,
  type AuthedContext,
  type EmulatorCore,
  type EmulatorRoute,
  type PublicContext,
  type RouteResult,
} from './route.js';
import type { TimerSet } from './timer-set.js';

/** The ` rid: …` suffix `withRid` appends; remembered so `openapi/rid/get` can look the call up. */
const RID_SUFFIX = / rid: ([0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8})$/;

/** JSON bodies WeChat accepts are small; anything bigger is refused before parsing. */
const JSON_BODY_LIMIT = 1024 * 1024;

interface CallRecord {
  appId?: string;
  body?: unknown;
  fault?: string;
}

/**
 * Runs one API call: route lookup, injected faults, method, access_token, quota, body, handler. Every outcome is
 * an HTTP answer; nothing a caller sends can throw out of here.
 */
export class ApiDispatcher {
  private readonly routes = new Map<string, EmulatorRoute>();

  constructor(
    private readonly core: EmulatorCore,
    routes: readonly EmulatorRoute[],
    private readonly faults: FaultInjector,
    private readonly log: RequestLog,
    private readonly timers: TimerSet,
    private readonly files: (mediaId: string) => { bytes: Buffer; contentType: string } | undefined,
  ) {
    for (const route of routes) {
      if (this.routes.has(route.path)) throw new Error(`duplicate emulator route ${route.path}`);
      this.routes.set(route.path, route);
    }
  }

  get routeList(): readonly EmulatorRoute[] {
    return [...this.routes.values()];
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = this.core.clock.now();
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const path = url.pathname;
    const query = url.searchParams;
    const call: CallRecord = {};
    const record = (status: number, errcode?: number, answer?: { rid: string; response: string }) =>
      this.log.add({ at, method: req.method ?? '', path, query: redactQuery(query), status, errcode, ...call, ...answer });

    try {
      if (path.startsWith(FILES_PREFIX)) {
        drain(req);
        const file = this.files(decodeURIComponent(path.slice(FILES_PREFIX.length)));
        if (!file) return this.sendText(res, 404, 'Not Found', record);
        return this.sendBinary(res, new BinaryBody(file.bytes, file.contentType), record);
      }
      const route = this.routes.get(path);
      if (!route) {
        drain(req);
        return this.sendText(res, 404, `emulator: no WeChat API at ${path}`, record);
      }

      const fault = this.faults.take(path);
      if (fault) {
        call.fault = fault.kind;
        if (fault.kind === 'reset') {
          record(0);
          req.socket.destroy();
          return;
        }
        if (fault.kind === 'http5xx') {
          drain(req);
          return this.sendText(res, fault.status, `<html><body>${fault.status} emulated fault</body></html>`, record);
        }
        if (fault.kind === 'errcode') {
          drain(req);
          return this.sendJson(res, { errcode: fault.errcode, errmsg: this.withRid(fault.errmsg) }, record);
        }
        // delay: hold the call, then handle it normally
        if (!(await this.timers.sleep(fault.delayMs))) {
          record(0);
          req.socket.destroy();
          return;
        }
      }

      const result = await this.run(route, req, path, query, call);
      if (result instanceof BinaryBody) return this.sendBinary(res, result, record);
      if (result instanceof HttpStatusBody) return this.sendText(res, result.status, result.text, record);
      if (result instanceof PageBody) return this.sendPage(res, result, record);
      return this.sendJson(res, result, record);
    } catch (error) {
      drain(req);
      if (error instanceof EmulatorApiFault) {
        return this.sendJson(res, { errcode: error.errcode, errmsg: this.withRid(error.errmsg) }, record);
      }
      // A bug in a handler must still get an answer, the way WeChat answers its own failures.
      return this.sendJson(res, { errcode: -1, errmsg: this.withRid(WECHAT_ERRMSG[-1]) }, record);
    }
  }

  private async run(
    route: EmulatorRoute,
    req: IncomingMessage,
    path: string,
    query: URLSearchParams,
    call: CallRecord,
  ): Promise<RouteResult> {
    if (route.method === 'POST' && req.method !== 'POST') throw new EmulatorApiFault(43002);
    if (route.method === 'GET' && req.method !== 'GET' && req.method !== 'HEAD') throw new EmulatorApiFault(43001);

    const raw = route.body === 'json' ? await readBody(req, JSON_BODY_LIMIT) : undefined;
    if (route.body === 'none') drain(req);
    let parsed: JsonObject | undefined;
    const json = (): JsonObject => {
      if (parsed) return parsed;
      if (raw === undefined || raw.length === 0) throw new EmulatorApiFault(44002);
      let value: unknown;
      try {
        value = JSON.parse(raw.toString('utf8'));
      } catch {
        call.body = raw.toString('utf8').slice(0, 200);
        throw new EmulatorApiFault(47001);
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new EmulatorApiFault(47001);
      parsed = value as JsonObject;
      call.body = redactBody(parsed);
      return parsed;
    };
    const base = {
      core: this.core,
      path,
      query,
      remoteAddress: req.socket.remoteAddress ?? '',
      json,
      rawText: () => (raw ?? Buffer.alloc(0)).toString('utf8'),
      setAppId: (appId: string) => {
        call.appId = appId;
      },
    };
    if (route.body === 'json' && raw && raw.length > 0) {
      try {
        json();
      } catch {
        // parse errors surface when the handler asks for the body
      }
    }

    if (!route.needsToken) {
      const ctx: PublicContext = base;
      return route.handler(ctx);
    }

    const account = this.authenticate(query, call);
    chargeQuota(this.core, account, path);
    let form: MultipartForm | undefined;
    const ctx: AuthedContext = {
      ...base,
      account,
      multipart: async (maxFileBytes: number) => {
        if (form) return form;
        try {
          form = await parseMultipart(req, maxFileBytes);
        } catch {
          throw new EmulatorApiFault(41005);
        }
        call.body = {
          fields: redactBody(form.fields),
          files: form.files.map((f) => ({ field: f.field, filename: f.filename, mimeType: f.mimeType, size: f.bytes.length, truncated: f.truncated })),
        };
        return form;
      },
    };
    return route.handler(ctx);
  }

  /** 41001 missing, 40001 unknown or superseded, 42001 expired. */
  private authenticate(query: URLSearchParams, call: CallRecord): AccountState {
    const token = query.get('access_token');
    if (!token) throw new EmulatorApiFault(41001);
    const check = this.core.tokens.check(token, this.core.clock.now());
    if (!check.ok) throw new EmulatorApiFault(check.errcode);
    call.appId = check.appId;
    const account = this.core.account(check.appId);
    if (!account) throw new EmulatorApiFault(40001);
    return account;
  }

  /** WeChat appends a request id to every error message: `… rid: 6655d927-7c157f97-69055077`. */
  private withRid(errmsg: string): string {
    const seconds = this.core.clock.nowSeconds().toString(16).padStart(8, '0');
    return `${errmsg} rid: ${seconds}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
  }

  private sendJson(
    res: ServerResponse,
    body: JsonObject,
    record: (status: number, errcode?: number, answer?: { rid: string; response: string }) => void,
  ): void {
    const text = JSON.stringify(body);
    res.writeHead(200, { 'Content-Type': 'application/json; encoding=utf-8', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
    const rid = typeof body.errmsg === 'string' ? RID_SUFFIX.exec(body.errmsg)?.[1] : undefined;
    record(200, typeof body.errcode === 'number' ? body.errcode : 0, rid ? { rid, response: text } : undefined);
  }

  private sendBinary(res: ServerResponse, body: BinaryBody, record: (status: number, errcode?: number) => void): void {
    const headers: Record<string, string | number> = { 'Content-Type': body.contentType, 'Content-Length': body.bytes.length };
    if (body.filename) headers['Content-Disposition'] = `attachment; filename="${body.filename}"`;
    res.writeHead(200, headers);
    res.end(body.bytes);
    record(200);
  }

  private sendPage(res: ServerResponse, page: PageBody, record: (status: number, errcode?: number) => void): void {
    res.writeHead(page.status, { ...page.headers, 'Content-Type': page.contentType, 'Content-Length': Buffer.byteLength(page.text) });
    res.end(page.text);
    record(page.status);
  }

  private sendText(res: ServerResponse, status: number, text: string, record: (status: number, errcode?: number) => void): void {
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
    record(status);
  }
}

/** Reads the whole body, refusing (with 47001) one larger than `limit`. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => (over ? reject(new EmulatorApiFault(47001)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** Lets the rest of an unread body flow away so keep-alive connections stay usable. */
function drain(req: IncomingMessage): void {
  if (!req.readableEnded) req.resume();
}
