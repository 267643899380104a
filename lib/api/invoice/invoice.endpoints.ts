import { endpoint } from '../endpoint.js';
import {
  CreateInvoiceCardDto, GetAuthFieldDto, GetContactDto, GetPayMchDto, GetPdfDto, InsertInvoiceDto, InvoiceAuthUrlDto,
  InvoiceBatchDto, InvoiceOrderDto, InvoiceRefDto, PlatformUpdateStatusDto, RejectInsertDto, ReimburseUpdateBatchDto,
  ReimburseUpdateStatusDto, ScanTitleDto, SelectTitleUrlDto, SetAuthFieldDto, SetContactDto, SetPayMchDto, SetPdfDto,
  UserTitleUrlDto,
} from './invoice.dto.js';
import type {
  InsertedInvoice, InvoiceAuthData, InvoiceAuthField, InvoiceAuthUrl, InvoiceCardId, InvoiceContact, InvoicePayMch,
  InvoicePdfMediaId, InvoicePdfUrl, InvoicePlatformUrl, InvoiceTitleUrl, ReimburseInvoiceBatch, ReimburseInvoiceInfo,
  ScannedTitle,
} from './invoice.types.js';

const API = 'https://developers.weixin.qq.com/doc/service/api/invoice';
const E_INVOICE = 'https://developers.weixin.qq.com/doc/offiaccount/WeChat_Invoice/E_Invoice';
const VENDOR = `${E_INVOICE}/Vendor_API_List.html`;
const PLATFORM = `${E_INVOICE}/Invoicing_Platform_API_List.html`;
const REIMBURSER = `${E_INVOICE}/Reimburser_API_List.html`;
const TITLE = 'https://developers.weixin.qq.com/doc/offiaccount/WeChat_Invoice/Quick_issuing/Interface_Instructions.html';

/** The six `setbizattr` actions: one path, `action` in the query, one row each. */
const bizAttr = { method: 'POST', path: '/card/invoice/setbizattr', query: ['action'], response: 'json', doc: VENDOR } as const;

/** 电子发票 (`/card/invoice/*`): authorisation, the invoicing platform, reimbursement and user titles. */
export const INVOICE_ENDPOINTS = {
  invoiceGetAuthUrl: endpoint<InvoiceAuthUrl>()({
    title: '获取授权页链接', method: 'POST', path: '/card/invoice/getauthurl', kind: 'read', request: InvoiceAuthUrlDto,
    response: 'json', expect: ['auth_url'], doc: `${API}/auth/api_invoicebizgetauthurl.html`,
  }),
  invoiceGetAuthData: endpoint<InvoiceAuthData>()({
    title: '查询授权完成状态', method: 'POST', path: '/card/invoice/getauthdata', kind: 'read', request: InvoiceOrderDto,
    response: 'json', expect: ['invoice_status'], doc: `${API}/auth/api_invoicebizgetauthdata.html`,
  }),
  /** Tells the user the invoice will not come: not repeated. */
  invoiceRejectInsert: endpoint()({
    title: '拒绝开票', method: 'POST', path: '/card/invoice/rejectinsert', kind: 'send', request: RejectInsertDto,
    response: 'json', doc: VENDOR,
  }),
  invoiceSetAuthField: endpoint()({ title: '设置授权页字段信息', kind: 'read', request: SetAuthFieldDto, ...bizAttr }),
  invoiceGetAuthField: endpoint<InvoiceAuthField>()({ title: '查询授权页字段信息', kind: 'read', request: GetAuthFieldDto, ...bizAttr }),
  invoiceSetPayMch: endpoint()({ title: '关联商户号与开票平台', kind: 'read', request: SetPayMchDto, ...bizAttr }),
  invoiceGetPayMch: endpoint<InvoicePayMch>()({ title: '查询商户号与开票平台关联情况', kind: 'read', request: GetPayMchDto, ...bizAttr }),
  invoiceSetContact: endpoint()({ title: '设置商户联系方式', kind: 'read', request: SetContactDto, ...bizAttr }),
  invoiceGetContact: endpoint<InvoiceContact>()({ title: '查询商户联系方式', kind: 'read', request: GetContactDto, ...bizAttr }),
  invoiceSetUrl: endpoint<InvoicePlatformUrl>()({
    title: '获取开票平台自身的开票链接', method: 'POST', path: '/card/invoice/seturl', kind: 'read', response: 'json',
    expect: ['invoice_url'], doc: `${API}/FiscalReceipt/api_setinvoiceurl`,
  }),
  /** Puts an invoice in the user's card package: never repeated blindly. */
  invoiceInsert: endpoint<InsertedInvoice>()({
    title: '将电子发票卡券插入用户卡包', method: 'POST', path: '/card/invoice/insert', kind: 'send', request: InsertInvoiceDto,
    response: 'json', expect: ['code'], doc: `${API}/platform/api_insertinvoice.html`,
  }),
  invoiceCreateCard: endpoint<InvoiceCardId>()({
    title: '创建发票卡券模板', method: 'POST', path: '/card/invoice/platform/createcard', kind: 'send',
    request: CreateInvoiceCardDto, response: 'json', expect: ['card_id'], doc: PLATFORM,
  }),
  invoiceSetPdf: endpoint<InvoicePdfMediaId>()({
    title: '上传PDF', method: 'POST', path: '/card/invoice/platform/setpdf', kind: 'read', body: 'multipart', file: 'pdf',
    request: SetPdfDto, response: 'json', expect: ['s_media_id'], doc: PLATFORM,
  }),
  invoiceGetPdf: endpoint<InvoicePdfUrl>()({
    title: '查询已上传的PDF文件', method: 'POST', path: '/card/invoice/platform/getpdf', kind: 'read', request: GetPdfDto,
    response: 'json', expect: ['pdf_url'], doc: PLATFORM,
  }),
  invoicePlatformUpdateStatus: endpoint()({
    title: '更新发票卡券状态', method: 'POST', path: '/card/invoice/platform/updatestatus', kind: 'read',
    request: PlatformUpdateStatusDto, response: 'json', doc: PLATFORM,
  }),
  reimburseGetInvoiceInfo: endpoint<ReimburseInvoiceInfo>()({
    title: '查询报销发票信息', method: 'POST', path: '/card/invoice/reimburse/getinvoiceinfo', kind: 'read',
    request: InvoiceRefDto, response: 'json', expect: ['card_id'], doc: REIMBURSER,
  }),
  reimburseGetInvoiceBatch: endpoint<ReimburseInvoiceBatch>()({
    title: '批量查询报销发票信息', method: 'POST', path: '/card/invoice/reimburse/getinvoicebatch', kind: 'read',
    request: InvoiceBatchDto, response: 'json', expect: ['item_list'], doc: REIMBURSER,
  }),
  reimburseUpdateInvoiceStatus: endpoint()({
    title: '报销方更新发票状态', method: 'POST', path: '/card/invoice/reimburse/updateinvoicestatus', kind: 'read',
    request: ReimburseUpdateStatusDto, response: 'json', doc: REIMBURSER,
  }),
  reimburseUpdateStatusBatch: endpoint()({
    title: '报销方批量更新发票状态', method: 'POST', path: '/card/invoice/reimburse/updatestatusbatch', kind: 'read',
    request: ReimburseUpdateBatchDto, response: 'json', doc: REIMBURSER,
  }),
  invoiceGetUserTitleUrl: endpoint<InvoiceTitleUrl>()({
    title: '将发票抬头信息录入到用户微信中', method: 'POST', path: '/card/invoice/biz/getusertitleurl', kind: 'read',
    request: UserTitleUrlDto, response: 'json', expect: ['url'], doc: TITLE,
  }),
  invoiceGetSelectTitleUrl: endpoint<InvoiceTitleUrl>()({
    title: '获取用户抬头（方式一）：获取商户专属二维码，立在收银台', method: 'POST', path: '/card/invoice/biz/getselecttitleurl',
    kind: 'read', request: SelectTitleUrlDto, response: 'json', expect: ['url'], doc: TITLE,
  }),
  invoiceScanTitle: endpoint<ScannedTitle>()({
    title: '获取用户抬头（方式二）：商户扫描用户的发票抬头二维码', method: 'POST', path: '/card/invoice/scantitle', kind: 'read',
    request: ScanTitleDto, response: 'json', expect: ['title'], doc: TITLE,
  }),
} as const;
