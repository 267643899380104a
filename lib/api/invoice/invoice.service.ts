import type { WechatApiClient } from '../wechat-api.client.js';
import type {
  CreateInvoiceCardDto, InsertInvoiceDto, InvoiceAuthUrlDto, InvoiceRefDto, ReimburseStatus, SelectTitleUrlDto,
  SetAuthFieldDto, UserTitleUrlDto,
} from './invoice.dto.js';
import { INVOICE_ENDPOINTS as E } from './invoice.endpoints.js';
import type {
  InsertedInvoice, InvoiceAuthData, InvoiceAuthField, InvoiceAuthUrl, InvoiceContact, InvoicePayMch, InvoicePdfUrl,
  ReimburseInvoiceInfo, ScannedTitle,
} from './invoice.types.js';

/**
 * 电子发票: the merchant's authorisation page and settings, the invoicing platform's card template, PDF and
 * insertion, the reimburser's queries and status updates, and user titles. WeChat pushes the matching events
 * (`user_authorize_invoice`, `update_invoice_status`, `submit_invoice_title`, `cloud_invoice_invoiceresult_event`)
 * to the account's callback; handle them with `@OnEvent('user_authorize_invoice')` and so on.
 */
export class InvoiceService {
  constructor(private readonly client: WechatApiClient) {}

  /** 获取授权页链接: the page where the user authorises the order (then `user_authorize_invoice` is pushed). */
  getAuthUrl(input: InvoiceAuthUrlDto): Promise<InvoiceAuthUrl> {
    return this.client.call(E.invoiceGetAuthUrl, input);
  }

  /** 查询授权完成状态. */
  getAuthData(orderId: string, sPappid: string): Promise<InvoiceAuthData> {
    return this.client.call(E.invoiceGetAuthData, { order_id: orderId, s_pappid: sPappid });
  }

  /** 拒绝开票: tells the user why no invoice comes (and where to look, `url`). */
  async rejectInsert(orderId: string, sPappid: string, reason: string, url?: string): Promise<void> {
    await this.client.call(E.invoiceRejectInsert, { order_id: orderId, s_pappid: sPappid, reason, ...(url ? { url } : {}) });
  }

  /** 设置授权页字段信息 (`setbizattr?action=set_auth_field`). */
  async setAuthField(authField: SetAuthFieldDto['auth_field']): Promise<void> {
    await this.client.call(E.invoiceSetAuthField, { action: 'set_auth_field', auth_field: authField });
  }

  /** 查询授权页字段信息 (`get_auth_field`). */
  getAuthField(): Promise<InvoiceAuthField> {
    return this.client.call(E.invoiceGetAuthField, { action: 'get_auth_field' });
  }

  /** 关联商户号与开票平台 (`set_pay_mch`). */
  async setPayMch(mchid: string, sPappid: string): Promise<void> {
    await this.client.call(E.invoiceSetPayMch, { action: 'set_pay_mch', paymch_info: { mchid, s_pappid: sPappid } });
  }

  /** 查询商户号与开票平台关联情况 (`get_pay_mch`). */
  async getPayMch(): Promise<InvoicePayMch['paymch_info']> {
    return (await this.client.call(E.invoiceGetPayMch, { action: 'get_pay_mch' })).paymch_info;
  }

  /** 设置商户联系方式 (`set_contact`): shown when the invoice takes longer than `timeOut` seconds. */
  async setContact(phone: string, timeOut: number): Promise<void> {
    await this.client.call(E.invoiceSetContact, { action: 'set_contact', contact: { phone, time_out: timeOut } });
  }

  /** 查询商户联系方式 (`get_contact`). */
  async getContact(): Promise<InvoiceContact['contact']> {
    return (await this.client.call(E.invoiceGetContact, { action: 'get_contact' })).contact;
  }

  /** 获取开票平台自身的开票链接: its `s_pappid` is the `s_pappid` query parameter of the URL. */
  async getPlatformUrl(): Promise<{ invoiceUrl: string; sPappid: string | undefined }> {
    const { invoice_url } = await this.client.call(E.invoiceSetUrl);
    return { invoiceUrl: invoice_url, sPappid: new URL(invoice_url).searchParams.get('s_pappid') ?? undefined };
  }

  /** 将电子发票卡券插入用户卡包 (for an authorised order). */
  insert(input: InsertInvoiceDto): Promise<InsertedInvoice> {
    return this.client.call(E.invoiceInsert, input);
  }

  /** 创建发票卡券模板. */
  async createCard(invoiceInfo: CreateInvoiceCardDto['invoice_info']): Promise<string> {
    return (await this.client.call(E.invoiceCreateCard, { invoice_info: invoiceInfo })).card_id;
  }

  /** 上传PDF: the invoice PDF (checked to be a PDF by content); returns its `s_media_id`. */
  async setPdf(pdf: Uint8Array, fileName = 'invoice.pdf'): Promise<string> {
    return (await this.client.call(E.invoiceSetPdf, { pdf: { data: pdf, fileName, contentType: 'application/pdf' } })).s_media_id;
  }

  /** 查询已上传的PDF文件: a temporary download URL. */
  getPdf(sMediaId: string): Promise<InvoicePdfUrl> {
    return this.client.call(E.invoiceGetPdf, { action: 'get_url', s_media_id: sMediaId });
  }

  /** 更新发票卡券状态 (by the invoicing platform). */
  async platformUpdateStatus(cardId: string, code: string, status: ReimburseStatus): Promise<void> {
    await this.client.call(E.invoicePlatformUpdateStatus, { card_id: cardId, code, reimburse_status: status });
  }

  /** 报销方-查询报销发票信息. */
  getReimburseInfo(invoice: InvoiceRefDto): Promise<ReimburseInvoiceInfo> {
    return this.client.call(E.reimburseGetInvoiceInfo, invoice);
  }

  /** 报销方-批量查询报销发票信息 (at most 100). */
  async getReimburseBatch(invoices: InvoiceRefDto[]): Promise<ReimburseInvoiceInfo[]> {
    return (await this.client.call(E.reimburseGetInvoiceBatch, { item_list: invoices })).item_list;
  }

  /** 报销方-更新发票状态 (WeChat pushes `update_invoice_status` to the invoicing platform). */
  async reimburseUpdateStatus(invoice: InvoiceRefDto, status: ReimburseStatus): Promise<void> {
    await this.client.call(E.reimburseUpdateInvoiceStatus, { ...invoice, reimburse_status: status });
  }

  /** 报销方-批量更新发票状态: one user's invoices (at most 100). */
  async reimburseUpdateStatusBatch(openid: string, invoices: InvoiceRefDto[], status: ReimburseStatus): Promise<void> {
    await this.client.call(E.reimburseUpdateStatusBatch, { openid, invoice_list: invoices, reimburse_status: status });
  }

  /** 将发票抬头信息录入到用户微信中: a link that saves a title to the user's WeChat. */
  async getUserTitleUrl(input: UserTitleUrlDto): Promise<string> {
    return (await this.client.call(E.invoiceGetUserTitleUrl, input)).url;
  }

  /** 获取用户抬头（选择抬头）链接: the user picks a title and WeChat pushes `submit_invoice_title`. */
  async getSelectTitleUrl(input: SelectTitleUrlDto = {}): Promise<string> {
    return (await this.client.call(E.invoiceGetSelectTitleUrl, input)).url;
  }

  /** 获取用户抬头（扫码）: the title behind the QR code text the user showed. */
  scanTitle(scanText: string): Promise<ScannedTitle> {
    return this.client.call(E.invoiceScanTitle, { scan_text: scanText });
  }
}
