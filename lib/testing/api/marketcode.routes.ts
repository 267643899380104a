import { createHash } from 'node:crypto';
import { fail } from '../emulator-errors.js';
import type { JsonObject, MarketcodeActivation, MarketcodeApplication } from '../emulator-state.js';
import { OK, type AuthedContext, type EmulatorRoute } from '../route.js';

/**
 * 一物一码. An application is generated at once (status FINISH, one range 0..count-1). Code `i` of application `A`
 * is 9 digits and its code_url 28 characters, both derived from `A` and `i`; the CODE_TICKET a scan gives is
 * `marketcodeTicket(A, i)` (exported for tests). The pages name no specific errcodes: refusals are 40097.
 */
const DOC = 'https://developers.weixin.qq.com/doc/service/api/onecode';

export function marketcodeOf(applicationId: number, index: number): { code: string; code_url: string } {
  const hash = createHash('sha256').update(`${applicationId}|${index}`).digest();
  const code = [...hash.toString('hex')].map((c) => String(parseInt(c, 16) % 10)).join('').slice(0, 9);
  return { code, code_url: hash.toString('base64url').slice(0, 28) };
}

/** The CODE_TICKET the emulated scan of code `index` of an application hands the mini program. */
export function marketcodeTicket(applicationId: number, index: number): string {
  return Buffer.from(`mc:${applicationId}:${index}`).toString('base64url');
}

function intField(body: JsonObject, field: string): number {
  const value = body[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) fail(40097);
  return value;
}

function application(ctx: AuthedContext, body: JsonObject): MarketcodeApplication {
  const apps = ctx.account.marketcode.applications;
  const found = typeof body.application_id === 'number'
    ? apps.get(body.application_id)
    : [...apps.values()].find((a) => a.isvApplicationId === body.isv_application_id);
  if (!found) fail(40097);
  return found;
}

function range(ctx: AuthedContext, body: JsonObject): { app: MarketcodeApplication; start: number; end: number } {
  const app = application(ctx, body);
  const start = intField(body, 'code_start');
  const end = intField(body, 'code_end');
  if (start > end || end >= app.count) fail(40097);
  return { app, start, end };
}

/** Finds the activation covering a code given by index, code or code_url. */
function activationOf(ctx: AuthedContext, body: JsonObject): MarketcodeActivation {
  const { applications, activations } = ctx.account.marketcode;
  let target: { app: number; index: number } | undefined;
  if (typeof body.application_id === 'number') target = { app: body.application_id, index: intField(body, 'code_index') };
  else {
    for (const a of activations) {
      for (let i = a.code_start; i <= a.code_end && !target; i++) {
        const c = marketcodeOf(a.application_id, i);
        if (c.code === body.code || c.code_url === body.code_url) target = { app: a.application_id, index: i };
      }
    }
  }
  if (!target || !applications.has(target.app)) fail(40097);
  const found = activations.find((a) => a.application_id === target.app && a.code_start <= target.index && target.index <= a.code_end);
  if (!found) fail(40097);
  return found;
}

const route = (path: string, doc: string, handler: (ctx: AuthedContext) => JsonObject): EmulatorRoute => ({
  method: 'POST', path, doc, needsToken: true, body: 'json', handler,
});

export const MARKETCODE_ROUTES: readonly EmulatorRoute[] = [
  route('/intp/marketcode/applycode', `${DOC}/api_intp_marketcode_applycode`, (ctx) => {
    const body = ctx.json();
    const count = intField(body, 'code_count');
    const isv = body.isv_application_id;
    if (typeof isv !== 'string' || isv === '' || count < 10_000 || count > 20_000_000 || count % 10_000 !== 0) fail(40097);
    const apps = ctx.account.marketcode.applications;
    const existing = [...apps.values()].find((a) => a.isvApplicationId === isv);
    if (existing) return { ...OK, application_id: existing.applicationId };
    const applicationId = 581_865_000 + ctx.account.nextId();
    const now = Math.floor(ctx.core.clock.now() / 1000);
    apps.set(applicationId, { applicationId, isvApplicationId: isv, count, createdAt: now });
    return { ...OK, application_id: applicationId };
  }),
  route('/intp/marketcode/applycodequery', `${DOC}/api_intp_marketcode_applycodequery`, (ctx) => {
    const app = application(ctx, ctx.json());
    return {
      ...OK, status: 'FINISH', application_id: app.applicationId, isv_application_id: app.isvApplicationId,
      code_generate_list: [{ code_start: 0, code_end: app.count - 1 }], create_time: app.createdAt, update_time: app.createdAt,
    };
  }),
  route('/intp/marketcode/applycodedownload', `${DOC}/api_intp_marketcode_applycodedownload`, (ctx) => {
    const { app, start, end } = range(ctx, ctx.json());
    // One "code\tcode_url" line per code. WeChat encrypts the package; the emulator sends it in the clear.
    const lines: string[] = [];
    for (let i = start; i <= Math.min(end, start + 999); i++) {
      const c = marketcodeOf(app.applicationId, i);
      lines.push(`${c.code}\t${c.code_url}`);
    }
    return { ...OK, buffer: Buffer.from(lines.join('\n')).toString('base64') };
  }),
  route('/intp/marketcode/codeactive', `${DOC}/api_intp_marketcode_codeactive`, (ctx) => {
    const body = ctx.json();
    const { app, start, end } = range(ctx, body);
    for (const field of ['activity_name', 'product_brand', 'product_title', 'product_code', 'wxa_appid', 'wxa_path']) {
      if (typeof body[field] !== 'string' || body[field] === '') fail(40097);
    }
    const activations = ctx.account.marketcode.activations;
    if (activations.some((a) => a.application_id === app.applicationId && a.code_start <= end && start <= a.code_end)) fail(40097);
    activations.push({
      application_id: app.applicationId, code_start: start, code_end: end, activity_name: body.activity_name, product_brand: body.product_brand,
      product_title: body.product_title, product_code: body.product_code, wxa_appid: body.wxa_appid, wxa_path: body.wxa_path, wxa_type: body.wxa_type ?? 0,
    });
    return OK;
  }),
  route('/intp/marketcode/codeactivequery', `${DOC}/api_intp_marketcode_codeactivequery`, (ctx) => {
    const { application_id: _app, ...activation } = activationOf(ctx, ctx.json());
    return { ...OK, ...activation };
  }),
  route('/intp/marketcode/tickettocode', `${DOC}/api_intp_marketcode_tickettocode`, (ctx) => {
    const body = ctx.json();
    if (typeof body.openid !== 'string' || body.openid === '' || typeof body.code_ticket !== 'string') fail(40097);
    const match = /^mc:(\d+):(\d+)$/.exec(Buffer.from(body.code_ticket, 'base64url').toString('utf8'));
    if (!match) fail(40097);
    const [appId, index] = [Number(match[1]), Number(match[2])];
    activationOf(ctx, { application_id: appId, code_index: index });
    return { ...OK, ...marketcodeOf(appId, index) };
  }),
];
