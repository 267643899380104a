import type { WechatEmulator } from '../../lib/testing/index.js';

/** The test account used across the emulator specs. */
export const APP = {
  appId: 'wx0000000000000001',
  appSecret: 'app-secret-one',
  token: 'emulatorToken1',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
} as const;

export interface CallResult {
  status: number;
  json: Record<string, any>;
  bytes: Buffer;
  headers: Headers;
}

/** Calls the emulator with global fetch. `json` is sent as a JSON body; `form` as multipart. */
export async function call(
  emu: WechatEmulator,
  method: 'GET' | 'POST',
  path: string,
  opts: { token?: string; query?: Record<string, string>; json?: unknown; raw?: string; form?: FormData } = {},
): Promise<CallResult> {
  const url = new URL(path, emu.url);
  if (opts.token !== undefined) url.searchParams.set('access_token', opts.token);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const init: RequestInit = { method };
  if (opts.json !== undefined) {
    init.body = JSON.stringify(opts.json);
    init.headers = { 'Content-Type': 'application/json' };
  } else if (opts.raw !== undefined) {
    init.body = opts.raw;
    init.headers = { 'Content-Type': 'application/json' };
  } else if (opts.form) {
    init.body = opts.form;
  }
  const res = await fetch(url, init);
  const bytes = Buffer.from(await res.arrayBuffer());
  let json: Record<string, any> = {};
  if ((res.headers.get('content-type') ?? '').includes('json')) json = JSON.parse(bytes.toString('utf8'));
  return { status: res.status, json, bytes, headers: res.headers };
}

/** A fresh classic token for `app`. */
export async function fetchToken(emu: WechatEmulator, app: { appId: string; appSecret: string } = APP): Promise<string> {
  const res = await call(emu, 'GET', '/cgi-bin/token', {
    query: { grant_type: 'client_credential', appid: app.appId, secret: app.appSecret },
  });
  if (typeof res.json.access_token !== 'string') throw new Error(`no token: ${JSON.stringify(res.json)}`);
  return res.json.access_token;
}

/** Expects WeChat's error shape: HTTP 200, the errcode, and the errmsg text followed by a rid. */
export function expectError(res: CallResult, errcode: number, errmsg?: string): void {
  expect(res.status).toBe(200);
  expect(res.json.errcode).toBe(errcode);
  expect(res.json.errmsg).toMatch(/ rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
  if (errmsg !== undefined) expect(res.json.errmsg.replace(/ rid: .*$/, '')).toBe(errmsg);
}
