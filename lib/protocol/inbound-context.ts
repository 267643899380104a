/** How a callback reached us: plaintext, compatible (plaintext + Encrypt) or safe (Encrypt only). */
export type MessageMode = 'plain' | 'compatible' | 'safe';
/** The body format configured in 服务器配置 (数据格式). */
export type MessageFormat = 'xml' | 'json';

/** Facts about one callback, next to the message itself; inject with `@WechatContext()`. */
export interface WechatInboundContext {
  /** The account the callback was addressed to. */
  readonly account: { readonly name: string; readonly appId: string };
  readonly mode: MessageMode;
  readonly format: MessageFormat;
  /** The `openid` query parameter (the sender), when WeChat sent it. */
  readonly openid?: string;
  /** For QR-scene callbacks (`@OnScan`): the scene value without `qrscene_`. */
  readonly scene?: string;
}
