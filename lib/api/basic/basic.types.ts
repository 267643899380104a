/** Answer of `getcallbackip` and `get_api_domain_ip`. */
export interface IpListResult {
  ip_list: string[];
}

/** Answer of `callback/check`; `dns` and `ping` are present according to the action asked for. */
export interface CallbackCheckResult {
  dns?: { ip: string; real_operator: string }[];
  ping?: { ip: string; from_operator: string; package_loss: string; time: string }[];
}

/** Answer of `openapi/quota/get`. */
export interface ApiQuota {
  daily_limit: number;
  used: number;
  remain: number;
}
