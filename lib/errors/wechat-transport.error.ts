import { WechatError } from './wechat-error.js';

/**
 * Why a call got no usable answer from WeChat:
 * - `timeout`: no answer within the client timeout (the request may have reached WeChat);
 * - `connect`: the connection was never made (refused, DNS) — the request certainly did not reach WeChat;
 * - `network`: the connection broke (reset, socket hang up) — the request may have reached WeChat;
 * - `http_status`: an HTTP status other than 2xx;
 * - `bad_response`: a 2xx answer that is not the JSON the API documents.
 */
export type TransportFailure = 'timeout' | 'connect' | 'network' | 'http_status' | 'bad_response';

/**
 * The call failed below the API level. Carries no request config, URL query or body: those hold the
 * access_token or the AppSecret. `networkCode` is Node's error code (`ECONNRESET`, ...) when there is one.
 */
export class WechatTransportError extends WechatError {
  readonly code = 'WECHAT_TRANSPORT_ERROR';
  constructor(
    readonly reason: TransportFailure,
    readonly path: string,
    detail: string,
    readonly status?: number,
    readonly networkCode?: string,
  ) {
    super(`WeChat API ${path}: ${detail}`);
  }

  /** False only when the request certainly never reached WeChat, so repeating it cannot duplicate anything. */
  get mayHaveReachedServer(): boolean {
    return this.reason !== 'connect';
  }
}
