/** Answer of `qrcode/create`. */
export interface QrcodeCreateResult {
  ticket: string;
  /** Temporary codes only. */
  expire_seconds?: number;
  /** What the QR code encodes; make your own image from it if you like. */
  url: string;
}

/** Answer of `qrcode/create`, plus the image URL. */
export interface QrcodeTicket extends QrcodeCreateResult {
  /** The image URL on mp.weixin.qq.com, ticket URL-encoded. */
  showUrl: string;
}

export interface TemporaryQrcodeOptions {
  /** Integer scene (`QR_SCENE`) or string scene (`QR_STR_SCENE`). */
  scene: number | string;
  /** Lifetime, at most 2592000 s (30 days). WeChat's default (30 s) when left out. */
  expireSeconds?: number;
}
