import { WechatError } from './wechat-error.js';

/** A short explanation of an errcode, in both languages the docs are written in. */
export interface ErrcodeExplanation {
  zh: string;
  en: string;
}

/**
 * WeChat answered, with `errcode` ≠ 0. `path` is the API path without its query (the query may hold the
 * access_token); `rid` is WeChat's request id, quoted when asking WeChat support about a call.
 */
export class WechatApiError extends WechatError {
  readonly code = 'WECHAT_API_ERROR';
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly path: string,
    readonly rid: string | undefined,
    readonly explanation: ErrcodeExplanation | undefined,
  ) {
    super(
      `WeChat API ${path} failed with errcode ${errcode}: ${errmsg}` +
        (explanation ? ` — ${explanation.en} (${explanation.zh})` : ''),
    );
  }
}
