/** One rule as `qrcodejumpget` lists it. */
export interface QrcodeJumpRule {
  prefix: string;
  path: string;
  /** 1 unpublished, 2 published. */
  state: 1 | 2;
  /** 扫普通二维码 rules only. */
  open_version?: 1 | 2 | 3;
}

/** Answer of `qrcodejumpget`. */
export interface QrcodeJumpRules {
  rule_list: QrcodeJumpRule[];
  /** Whether 二维码跳转 is switched on. */
  qrcodejump_open: number;
  /** Rules in this answer. */
  list_size: number;
  /** Publishes left this month. */
  qrcodejump_pub_quota: number;
  /** All rules, for paging. */
  total_count: number;
}
