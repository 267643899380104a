/** Answers of the 一物一码 APIs. */

export interface ApplicationQuery {
  /** `INIT`, `PROCESSING`, `FINISH` or `FAIL`. */
  status: string;
  application_id?: number;
  isv_application_id?: string;
  code_generate_list?: { code_start: number; code_end: number }[];
  create_time?: number;
  update_time?: number;
}

/** 下载二维码包: `buffer` is base64; WeChat encrypts its content (see the page's 解密 section). */
export interface CodePackage {
  buffer: string;
}

export interface CodeActivation {
  code_start: number;
  code_end: number;
  activity_name: string;
  product_brand: string;
  product_title: string;
  product_code: string;
  wxa_appid: string;
  wxa_path: string;
  wxa_type?: number;
}

export interface TicketCode {
  code: string;
  code_url?: string;
}
