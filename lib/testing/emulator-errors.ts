import { WechatError } from '../errors/wechat-error.js';

/**
 * Every errcode the emulator answers with, and the errmsg WeChat sends for it (before the ` rid: …` suffix).
 * One table, so a test can assert on the exact text and the docs stay in one place.
 *
 * Sources: the global return-code page
 *   https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html
 *   https://developers.weixin.qq.com/doc/oplatform/en/Return_codes/Return_code_descriptions.html (English errmsg column)
 * and answers captured from the live API in the 微信开放社区 threads cited next to the less common codes.
 * Not confirmed from a captured answer (English paraphrase of the documented Chinese text): 40032, 45056, 45058,
 * 45059, 45072, 45080, 45158, 45159, 49003, 65301, 65302, 65305, 65307, 65308, 65310, 65311.
 */
export const WECHAT_ERRMSG = {
  [-1]: 'system error',
  0: 'ok',
  // 40001's current text, e.g. https://developers.weixin.qq.com/community/personal/oCJUsw4h191Fs-VORKfTeUvuPItk/question
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40004: 'invalid media type',
  40005: 'invalid file type',
  // sic: WeChat's own spelling (api_uploadtempmedia error table / wxa uploadmedia error table)
  40006: 'invalid meida size',
  40007: 'invalid media_id',
  40008: 'invalid message type',
  40009: 'invalid image size',
  40010: 'invalid voice size',
  40011: 'invalid video size',
  40012: 'invalid thumb size',
  40013: 'invalid appid',
  40016: 'invalid button size',
  40017: 'invalid button type',
  40018: 'invalid button name size',
  40019: 'invalid button key size',
  40020: 'invalid button url size',
  40023: 'invalid sub button size',
  40024: 'invalid sub button type',
  40025: 'invalid sub button name size',
  40026: 'invalid sub button key size',
  40027: 'invalid sub button url size',
  40032: 'invalid openid list size',
  40033: 'invalid charset. please check your request, if include \\uxxxx will create fail!',
  40035: 'invalid parameter',
  40037: 'invalid template_id',
  40053: 'invalid action info, please check document',
  40054: 'invalid sub button url domain',
  40055: 'invalid button url domain',
  40097: 'invalid args',
  40125: 'invalid appsecret',
  40130: 'invalid openid list size, at least two openid',
  40164: 'invalid ip, not in whitelist',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41005: 'media data missing',
  41006: 'media_id missing',
  41009: 'missing openid',
  42001: 'access_token expired',
  43001: 'require GET method',
  43002: 'require POST method',
  44001: 'empty media data',
  44002: 'empty post data',
  44003: 'empty news data',
  44004: 'empty content',
  45002: 'content size out of limit',
  45008: 'article size out of limit',
  // current text, e.g. https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html
  // (the older call-limits page still shows "api freq out of limit")
  45009: 'reach max api daily quota limit',
  45015: 'response out of time limit or subscription is canceled',
  45065: 'clientmsgid exist',
  45072: 'command field value invalid',
  45056: 'too many tags now, no need to add new',
  45058: "can't modify sys tag",
  45059: 'too many tag per user',
  45080: 'typing requires a message from the user in the last 30 seconds',
  45157: 'invalid tag name',
  45158: 'tag name too long',
  45159: 'invalid tag id',
  46003: 'menu no exist',
  47001: 'data format error',
  48006: 'forbid to clear quota because of reaching the limit',
  // https://developers.weixin.qq.com/doc/offiaccount/User_Management/Manage_blacklist.html
  49003: 'not match appid',
  // captured: https://developers.weixin.qq.com/community/personal/oCJUswz5jbNcJDcuYKq6IzaFzniM/question
  63178: 'appid wrong',
  // https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Personalized_menu_interface.html
  65301: 'no such conditional menu',
  65302: 'no such user',
  65303: 'there is no selfmenu, please create selfmenu first',
  65304: 'match rule empty',
  65305: 'menu count limit',
  65307: 'conditional menu info empty',
  65308: 'exist empty button act',
  65310: 'country is empty while province or city is not empty',
  65311: 'province is empty while city is not empty',
  76021: 'cgi_path not found, please check',
} as const satisfies Record<number, string>;

export type WechatErrcode = keyof typeof WECHAT_ERRMSG;

/**
 * Thrown inside a route handler to answer with a WeChat error JSON (`{"errcode":N,"errmsg":"… rid: …"}`, HTTP 200).
 * Never escapes the emulator.
 */
export class EmulatorApiFault extends WechatError {
  readonly code = 'WECHAT_EMULATOR_API_FAULT';
  constructor(
    readonly errcode: WechatErrcode,
    /** Replaces the table text when WeChat puts request details in it (e.g. 40164 names the IP). */
    readonly errmsg: string = WECHAT_ERRMSG[errcode],
  ) {
    super(`emulated WeChat error ${errcode}: ${errmsg}`);
  }
}

/** Misuse of the emulator itself (bad start options, push without a token, …). */
export class WechatEmulatorError extends WechatError {
  readonly code = 'WECHAT_EMULATOR_ERROR';
}

/** Shorthand for `throw new EmulatorApiFault(code)` in expression position. */
export function fail(errcode: WechatErrcode, errmsg?: string): never {
  throw new EmulatorApiFault(errcode, errmsg);
}
