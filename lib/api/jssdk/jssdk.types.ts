/** Answer of `ticket/getticket`. */
export interface TicketResult {
  ticket: string;
  /** Seconds; 7200. */
  expires_in: number;
}

/** What `wx.config` takes: pass it as is to the page (`wx.config(config)`). */
export interface WxConfig {
  debug: boolean;
  appId: string;
  /** Seconds since the epoch, as signed. */
  timestamp: number;
  nonceStr: string;
  /** SHA-1 over `jsapi_ticket`, `noncestr`, `timestamp` and `url` (the page URL without its fragment). */
  signature: string;
  jsApiList: string[];
  openTagList: string[];
}

/** Options of `JssdkService.buildConfig`. */
export interface WxConfigOptions {
  /** The page's full URL (`location.href`); its `#fragment` is removed before signing, as WeChat does. */
  url: string;
  /** JS APIs the page uses, e.g. `['updateAppMessageShareData', 'chooseImage']`. Default `[]`. */
  jsApiList?: string[];
  /** Open tags the page uses, e.g. `['wx-open-launch-weapp']`. Default `[]`. */
  openTagList?: string[];
  /** WeChat's debug mode: every API result is shown in an alert. Default `false`. */
  debug?: boolean;
}

/**
 * What `media/get/jssdk` resolves with (the shape of `DownloadResult`, restated so the row imports nothing from the
 * client): the speex file, or WeChat's JSON answer.
 */
export type HdVoiceDownload =
  | { kind: 'file'; file: { data: Buffer; contentType: string | undefined; fileName: string | undefined } }
  | { kind: 'json'; json: Record<string, unknown> };
