import { createHash } from 'node:crypto';
import { buildEvent } from '../../message/message-builders.js';
import { fail } from '../emulator-errors.js';
import type { AccountState, InvoiceCard, JsonObject } from '../emulator-state.js';
import { EMULATOR_DEFAULT_OPENID } from '../emulator.options.js';
import { OK, isObject, requireString, type AuthedContext, type EmulatorRoute } from '../route.js';

/**
 * 电子发票, stateful: an order exists once its auth URL was asked for, and the emulated user authorises it at once
 * (WeChat then pushes `user_authorize_invoice`); an invoice can be inserted only for an authorised order, with an
 * existing card template and PDF (then `cloud_invoice_invoiceresult_event`); a reimburser's status update pushes
 * `update_invoice_status`; handing out the title-selection link pushes the user's `submit_invoice_title`.
 * The reimburser's `encrypt_code` of an invoice is the base64 of its code (see `emulator.invoices()`).
 */
const API = 'https://developers.weixin.qq.com/doc/service/api/invoice';
const E_INVOICE = 'https://developers.weixin.qq.com/doc/offiaccount/WeChat_Invoice/E_Invoice';
const VENDOR = `${E_INVOICE}/Vendor_API_List.html`;
const PLATFORM = `${E_INVOICE}/Invoicing_Platform_API_List.html`;
const REIMBURSER = `${E_INVOICE}/Reimburser_API_List.html`;
const TITLE = 'https://developers.weixin.qq.com/doc/offiaccount/WeChat_Invoice/Quick_issuing/Interface_Instructions.html';
const STATUSES = new Set(['INVOICE_REIMBURSE_INIT', 'INVOICE_REIMBURSE_LOCK', 'INVOICE_REIMBURSE_CLOSURE']);
const SOURCES = new Set(['app', 'web', 'wxa', 'wap']);
/** A closed invoice was reimbursed: it cannot change any more. */
const FINAL = 'INVOICE_REIMBURSE_CLOSURE';

const digits = (seed: string, n: number) =>
  [...createHash('sha256').update(seed).digest('hex')].map((c) => String(parseInt(c, 16) % 10)).join('').slice(0, n);

function int(body: JsonObject, field: string): number {
  const value = body[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) fail(72031);
  return value;
}

function card(ctx: AuthedContext, ref: unknown): InvoiceCard {
  if (!isObject(ref) || typeof ref.card_id !== 'string' || typeof ref.encrypt_code !== 'string') fail(72031);
  const found = [...ctx.account.invoice.cards.values()].find((c) => c.cardId === ref.card_id && c.encryptCode === ref.encrypt_code);
  if (!found) fail(72031);
  return found;
}

function status(body: JsonObject): string {
  const value = body.reimburse_status;
  if (typeof value !== 'string' || !STATUSES.has(value)) fail(72031);
  return value;
}

function reimburseInfo(ctx: AuthedContext, c: InvoiceCard): JsonObject {
  const template = ctx.account.invoice.templates.get(c.cardId) ?? {};
  const data = c.userData;
  return {
    card_id: c.cardId, begin_time: Math.floor(ctx.core.clock.now() / 1000), end_time: Math.floor(ctx.core.clock.now() / 1000) + 86_400 * 365,
    openid: c.openid, type: String(template.type ?? '增值税电子普通发票'), payee: String(template.payee ?? ''), detail: '',
    user_info: { ...data, reimburse_status: c.reimburseStatus },
  };
}

function setStatus(ctx: AuthedContext, c: InvoiceCard, next: string): void {
  if (c.reimburseStatus === FINAL) fail(72024);
  c.reimburseStatus = next;
  ctx.core.notify?.(ctx.account, buildEvent('update_invoice_status', { FromUserName: c.openid, Status: next, CardId: c.cardId, Code: c.code }));
}

const route = (path: string, doc: string, handler: (ctx: AuthedContext) => JsonObject | Promise<JsonObject>): EmulatorRoute => ({
  method: 'POST', path, doc, needsToken: true, body: path.endsWith('/setpdf') ? 'multipart' : 'json', handler,
});

/** setbizattr: `action` in the query, six of them on one path. */
function bizAttr(ctx: AuthedContext): JsonObject {
  const attrs = ctx.account.invoice.bizAttr;
  const action = ctx.query.get('action');
  const body = ctx.json();
  switch (action) {
    case 'set_auth_field':
      if (!isObject(body.auth_field) || !isObject(body.auth_field.user_field) || !isObject(body.auth_field.biz_field)) fail(72031);
      attrs.auth_field = body.auth_field;
      return OK;
    case 'get_auth_field':
      if (!attrs.auth_field) fail(72029);
      return { ...OK, ...attrs.auth_field };
    case 'set_pay_mch':
      if (!isObject(body.paymch_info) || typeof body.paymch_info.mchid !== 'string' || typeof body.paymch_info.s_pappid !== 'string') fail(72031);
      attrs.paymch_info = body.paymch_info;
      return OK;
    case 'get_pay_mch':
      if (!attrs.paymch_info) fail(72028);
      return { ...OK, paymch_info: attrs.paymch_info };
    case 'set_contact':
      if (!isObject(body.contact) || typeof body.contact.phone !== 'string' || typeof body.contact.time_out !== 'number') fail(72031);
      attrs.contact = body.contact;
      return OK;
    case 'get_contact':
      if (!attrs.contact) fail(72031);
      return { ...OK, contact: attrs.contact };
    default:
      return fail(40097);
  }
}

function sPappidOf(account: AccountState): string {
  return Buffer.from(`${account.appId}_emulator`).toString('base64url');
}

export const INVOICE_ROUTES: readonly EmulatorRoute[] = [
  route('/card/invoice/getauthurl', `${API}/auth/api_invoicebizgetauthurl.html`, (ctx) => {
    const body = ctx.json();
    const orderId = requireString(body, 'order_id', 72031);
    const sPappid = requireString(body, 's_pappid', 72031);
    requireString(body, 'ticket', 72031);
    const money = int(body, 'money');
    int(body, 'timestamp');
    const source = body.source;
    if (typeof source !== 'string' || !SOURCES.has(source) || ![0, 1, 2].includes(body.type as number)) fail(72031);
    const orders = ctx.account.invoice.orders;
    if (!orders.has(orderId)) {
      orders.set(orderId, { orderId, sPappid, money, source, openid: EMULATOR_DEFAULT_OPENID, status: 'authorized', authTime: Math.floor(ctx.core.clock.now() / 1000) });
      // the emulated user taps 申请开票 at once
      ctx.core.notify?.(ctx.account, buildEvent('user_authorize_invoice', { SuccOrderId: orderId, FailOrderId: '', AuthorizeAppId: ctx.account.appId, Source: source }));
    }
    const authUrl = `${ctx.core.baseUrl}/emulator/invoice/auth?s_pappid=${encodeURIComponent(sPappid)}&order_id=${encodeURIComponent(orderId)}`;
    return { ...OK, auth_url: authUrl, ...(source === 'wxa' ? { appid: 'wx9db2c16d0633c2e7' } : {}) };
  }),
  route('/card/invoice/getauthdata', `${API}/auth/api_invoicebizgetauthdata.html`, (ctx) => {
    const body = ctx.json();
    const order = ctx.account.invoice.orders.get(requireString(body, 'order_id', 72031));
    if (!order || order.sPappid !== body.s_pappid) fail(72038);
    return {
      ...OK, invoice_status: 'auth success', auth_time: order.authTime,
      user_auth_info: { user_field: { title: '张三', phone: '13800000000', email: 'user@example.com' } },
    };
  }),
  route('/card/invoice/rejectinsert', VENDOR, (ctx) => {
    const body = ctx.json();
    const order = ctx.account.invoice.orders.get(requireString(body, 'order_id', 72031));
    requireString(body, 'reason', 72031);
    if (!order || order.sPappid !== body.s_pappid) fail(72038);
    if (order.status === 'inserted') fail(72024);
    order.status = 'rejected';
    return OK;
  }),
  route('/card/invoice/setbizattr', VENDOR, bizAttr),
  route('/card/invoice/seturl', `${API}/FiscalReceipt/api_setinvoiceurl`, (ctx) => ({
    ...OK, invoice_url: `${ctx.core.baseUrl}/emulator/invoice/platform?action=list&s_pappid=${sPappidOf(ctx.account)}`,
  })),
  route('/card/invoice/insert', `${API}/platform/api_insertinvoice.html`, (ctx) => {
    const body = ctx.json();
    const invoice = ctx.account.invoice;
    const order = invoice.orders.get(requireString(body, 'order_id', 72031));
    if (!order || order.status !== 'authorized') fail(72038);
    const cardId = requireString(body, 'card_id', 72031);
    if (!invoice.templates.has(cardId)) fail(72031);
    const data = isObject(body.card_ext) && isObject(body.card_ext.user_card) ? body.card_ext.user_card.invoice_user_data : undefined;
    if (!isObject(data) || typeof data.s_pdf_media_id !== 'string' || !invoice.pdfs.has(data.s_pdf_media_id)) fail(72031);
    if (typeof data.title !== 'string' || data.title === '') fail(72017);
    const code = digits(`${cardId}|${order.orderId}`, 12);
    invoice.cards.set(`${cardId}|${code}`, {
      cardId, code, encryptCode: Buffer.from(code).toString('base64'), openid: order.openid, orderId: order.orderId,
      userData: { ...data, pdf_url: `${ctx.core.baseUrl}/emulator/invoice/pdf/${data.s_pdf_media_id}` }, reimburseStatus: 'INVOICE_REIMBURSE_INIT',
    });
    order.status = 'inserted';
    ctx.core.notify?.(ctx.account, buildEvent('cloud_invoice_invoiceresult_event', {
      FromUserName: order.openid, status: '0', fpqqlsh: order.orderId, nsrsbh: `91110000${digits(ctx.account.appId, 10)}`,
    }));
    return { ...OK, code, openid: order.openid };
  }),
  route('/card/invoice/platform/createcard', PLATFORM, (ctx) => {
    const info = ctx.json().invoice_info;
    if (!isObject(info) || !isObject(info.base_info) || typeof info.payee !== 'string' || typeof info.type !== 'string') fail(72031);
    if (typeof info.base_info.title !== 'string' || typeof info.base_info.logo_url !== 'string') fail(72031);
    const cardId = `pInvoice${digits(`${ctx.account.appId}|${ctx.account.nextId()}`, 20)}`;
    ctx.account.invoice.templates.set(cardId, info);
    return { ...OK, card_id: cardId };
  }),
  route('/card/invoice/platform/setpdf', PLATFORM, async (ctx) => {
    const file = (await ctx.multipart(20 * 1024 * 1024)).files.find((f) => f.field === 'pdf');
    if (!file) fail(41005);
    if (file.truncated) fail(40006);
    if (file.bytes.subarray(0, 4).toString('latin1') !== '%PDF') fail(40005);
    const id = `3${digits(createHash('sha256').update(file.bytes).digest('hex'), 17)}`;
    ctx.account.invoice.pdfs.set(id, file.bytes);
    return { ...OK, s_media_id: id };
  }),
  route('/card/invoice/platform/getpdf', PLATFORM, (ctx) => {
    const body = ctx.json();
    if (body.action !== 'get_url') fail(72031);
    const id = requireString(body, 's_media_id', 72031);
    if (!ctx.account.invoice.pdfs.has(id)) fail(72031);
    return { ...OK, pdf_url: `${ctx.core.baseUrl}/emulator/invoice/pdf/${id}`, pdf_url_expire_time: Math.floor(ctx.core.clock.now() / 1000) + 7200 };
  }),
  route('/card/invoice/platform/updatestatus', PLATFORM, (ctx) => {
    const body = ctx.json();
    const found = ctx.account.invoice.cards.get(`${String(body.card_id)}|${String(body.code)}`);
    const next = status(body);
    if (!found) fail(72031);
    if (found.reimburseStatus === FINAL) fail(72024);
    found.reimburseStatus = next;
    return OK;
  }),
  route('/card/invoice/reimburse/getinvoiceinfo', REIMBURSER, (ctx) => ({ ...OK, ...reimburseInfo(ctx, card(ctx, ctx.json())) })),
  route('/card/invoice/reimburse/getinvoicebatch', REIMBURSER, (ctx) => {
    const list = ctx.json().item_list;
    if (!Array.isArray(list) || list.length === 0 || list.length > 100) fail(72031);
    return { ...OK, item_list: list.map((ref) => reimburseInfo(ctx, card(ctx, ref))) };
  }),
  route('/card/invoice/reimburse/updateinvoicestatus', REIMBURSER, (ctx) => {
    const body = ctx.json();
    const found = card(ctx, body);
    setStatus(ctx, found, status(body));
    return OK;
  }),
  route('/card/invoice/reimburse/updatestatusbatch', REIMBURSER, (ctx) => {
    const body = ctx.json();
    const openid = requireString(body, 'openid', 72031);
    const next = status(body);
    const list = body.invoice_list;
    if (!Array.isArray(list) || list.length === 0 || list.length > 100) fail(72031);
    const cards = list.map((ref) => card(ctx, ref));
    if (cards.some((c) => c.openid !== openid)) fail(72031);
    if (cards.some((c) => c.reimburseStatus === FINAL)) fail(72024);
    for (const c of cards) setStatus(ctx, c, next);
    return OK;
  }),
  route('/card/invoice/biz/getusertitleurl', TITLE, (ctx) => {
    const body = ctx.json();
    if (body.user_fill !== 1 && (typeof body.title !== 'string' || body.title === '')) fail(72017);
    return { ...OK, url: `${ctx.core.baseUrl}/emulator/invoice/title?fill=${body.user_fill === 1 ? 1 : 0}` };
  }),
  route('/card/invoice/biz/getselecttitleurl', TITLE, (ctx) => {
    const body = ctx.json();
    const attach = typeof body.attach === 'string' ? body.attach : undefined;
    // the emulated user picks their saved business title at once
    ctx.core.notify?.(ctx.account, buildEvent('submit_invoice_title', {
      title: '示例科技有限公司', title_type: 'InvoiceUserTitleBusinessType', tax_no: `91110000${digits(ctx.account.appId, 10)}`,
      phone: '010-88888888', addr: '北京市海淀区', bank_type: '招商银行', bank_no: '6214000000000000', ...(attach ? { attach } : {}),
    }));
    return { ...OK, url: `${ctx.core.baseUrl}/emulator/invoice/selecttitle?biz=${encodeURIComponent(String(body.biz_name ?? ''))}` };
  }),
  route('/card/invoice/scantitle', TITLE, (ctx) => {
    const text = requireString(ctx.json(), 'scan_text', 72031);
    if (!text.startsWith('https://') && !text.startsWith('http://')) fail(72031);
    return { ...OK, title_type: 0, title: '示例科技有限公司', tax_no: `91110000${digits(text, 10)}`, phone: '010-88888888', addr: '北京市海淀区' };
  }),
];
