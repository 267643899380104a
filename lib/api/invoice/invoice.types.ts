/** Answers of the 电子发票 APIs, field names as WeChat sends them. */

export interface InvoiceAuthUrl {
  auth_url: string;
  /** `source: 'wxa'` only: the mini program to open the page in. */
  appid?: string;
}

/** 查询授权完成状态. */
export interface InvoiceAuthData {
  /** `auth success` once the user authorised. */
  invoice_status: string;
  auth_time: number;
  user_auth_info?: {
    user_field?: { title?: string; phone?: string; email?: string; custom_field?: { key: string; value: string }[] };
    biz_field?: { title?: string; tax_no?: string; addr?: string; phone?: string; bank_type?: string; bank_no?: string; custom_field?: { key: string; value: string }[] };
  };
}

export interface InvoiceAuthField {
  user_field: Record<string, unknown>;
  biz_field: Record<string, unknown>;
}

export interface InvoicePayMch {
  paymch_info: { mchid: string; s_pappid: string };
}

export interface InvoiceContact {
  contact: { time_out: number; phone: string };
}

/** 获取开票平台自身的开票链接: its `s_pappid` is in the query string. */
export interface InvoicePlatformUrl {
  invoice_url: string;
}

/** 将电子发票卡券插入用户卡包. */
export interface InsertedInvoice {
  code: string;
  openid: string;
  unionid?: string;
}

export interface InvoiceCardId {
  card_id: string;
}

export interface InvoicePdfMediaId {
  s_media_id: string;
}

export interface InvoicePdfUrl {
  pdf_url: string;
  /** Unix seconds. */
  pdf_url_expire_time: number;
}

/** 报销方-查询报销发票信息. */
export interface ReimburseInvoiceInfo {
  card_id: string;
  begin_time: number;
  end_time: number;
  openid: string;
  type: string;
  payee: string;
  detail: string;
  user_info: {
    fee: number;
    title: string;
    billing_time: number;
    billing_no: string;
    billing_code: string;
    fee_without_tax: number;
    tax: number;
    pdf_url?: string;
    reimburse_status: string;
    check_code?: string;
    [field: string]: unknown;
  };
}

export interface ReimburseInvoiceBatch {
  item_list: ReimburseInvoiceInfo[];
}

export interface InvoiceTitleUrl {
  url: string;
}

/** 获取用户抬头(扫码). `title_type` 0 business, 1 personal. */
export interface ScannedTitle {
  title_type: number;
  title: string;
  phone?: string;
  email?: string;
  tax_no?: string;
  addr?: string;
  bank_type?: string;
  bank_no?: string;
}
