/** One account of `getkflist`. */
export interface KfAccountInfo {
  kf_account: string;
  kf_nick: string;
  kf_id: string;
  kf_headimgurl: string;
  /** The bound worker's WeChat ID. */
  kf_wx?: string;
  /** A pending binding invitation: the invited WeChat ID, its expiry (Unix seconds) and state. */
  invite_wx?: string;
  invite_expire_time?: number;
  invite_status?: 'waiting' | 'rejected' | 'expired';
  kf_openid?: string;
}

/** One account of `getonlinekflist`. */
export interface KfOnlineInfo {
  kf_account: string;
  /** 1 web, 2 mobile, 3 both. */
  status: number;
  kf_id: string;
  /** Sessions the worker is serving. */
  accepted_case: number;
}

/** Answer of `kfsession/getsession`: `kf_account` is empty when nobody serves the customer. */
export interface KfSessionState {
  createtime: number;
  kf_account: string;
}

/** One session of `getsessionlist`. */
export interface KfSessionEntry {
  createtime: number;
  openid: string;
}

/** Answer of `getwaitcase`. */
export interface KfWaitCases {
  /** Customers waiting. */
  count: number;
  waitcaselist: { latest_time: number; openid: string }[];
}

/** One chat record. */
export interface KfChatRecordInfo {
  openid: string;
  /** 2002 sent by the worker, 2003 received from the customer. */
  opercode: number;
  text: string;
  time: number;
  worker: string;
}

/** Answer of `msgrecord/getmsglist`: `msgid` is where the next page starts. */
export interface KfChatRecordPage {
  recordlist: KfChatRecordInfo[];
  number: number;
  msgid: number;
}
