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
 * 45059, 45072, 45080, 45158, 45159, 45003, 45004, 45110, 47003, 200012, 200014, 200020, 200021, 65301, 65302, 65305, 65307, 65308, 65310, 65311.
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
  // OAuth2 网页授权: code unknown or past its 5 minutes; code used twice; refresh_token unknown
  40029: 'invalid code',
  40030: 'invalid refresh_token',
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
  40163: 'code been used',
  40164: 'invalid ip, not in whitelist',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41005: 'media data missing',
  41006: 'media_id missing',
  41009: 'missing openid',
  42001: 'access_token expired',
  42002: 'refresh_token expired',
  43001: 'require GET method',
  43002: 'require POST method',
  44001: 'empty media data',
  44002: 'empty post data',
  44003: 'empty news data',
  44004: 'empty content',
  45002: 'content size out of limit',
  45003: 'title size out of limit',
  45004: 'description size out of limit',
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
  45110: 'author size out of limit',
  45080: 'typing requires a message from the user in the last 30 seconds',
  45157: 'invalid tag name',
  45158: 'tag name too long',
  45159: 'invalid tag id',
  46003: 'menu no exist',
  47001: 'data format error',
  47003: 'argument invalid!',
  48001: 'api unauthorized',
  48006: 'forbid to clear quota because of reaching the limit',
  // https://developers.weixin.qq.com/doc/offiaccount/Subscription_Messages/api.html
  43101: 'user refuse to accept the msg',
  53600: 'invalid article_id',
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
  // Areas of issue 10 (short keys, QR jump rules, comments, customer service, openApi). English text from the
  // docs' 错误描述 column or captured answers where one exists; otherwise the docs' Chinese description.
  // https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_addkfaccount
  65400: 'please enable new custom service or wait for a while if you have enabled',
  65401: 'invalid custom service account',
  65402: 'the custom service account has not been bound to a wechat user',
  65403: 'illegal nickname',
  65404: 'illegal custom service account',
  65405: 'custom service account number reach limit',
  65406: 'custom service account exists',
  // https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_invitekfworker
  65407: 'the wechat user have been one of your workers',
  65408: 'you have already invited the wechat user',
  65409: 'wechat account invalid',
  65410: 'too many custom service accounts bound by the worker',
  65411: 'a effective invitation to bind the custom service account exists',
  65412: 'the custom service account have been bound by a wechat user',
  // https://developers.weixin.qq.com/doc/service/api/customer/messctrl/api_closesession; 65415 and 65417 paraphrase
  // the documented 客服帐号不在线 / 查询时间段超出限制, 65416's text is from a captured answer
  65413: 'no effective session for the customer',
  65414: 'another worker is serving the customer',
  65415: 'custom service account is offline',
  65416: 'param invalid, please check',
  65417: 'time range of query out of limit',
  // https://developers.weixin.qq.com/doc/service/openApi/get_rid_info.html
  76001: 'rid not found',
  76002: 'rid is error',
  76003: 'could not query this rid,no permission',
  76022: 'could not use this cgi_path,no permission',
  // qrcodejump: 85066 and 85072 from captured answers; the others paraphrase the docs
  85066: 'illegal prefix',
  85071: 'prefix already added',
  85072: 'prefix owned by other',
  85073: 'too many rules',
  85095: 'data error, delete the rule and add it again',
  // 留言管理, from the global return-code page
  88000: 'without comment privilege',
  88001: 'msg_data is not exists',
  88003: 'elected comment upper limit',
  88005: 'already reply',
  88007: 'reply content beyond max len or content len is zero',
  88008: 'comment is not exists',
  88010: 'count range error. cout <= 0 or count > 50',
  // https://developers.weixin.qq.com/doc/service/api/qrcode/shorten/api_genshortkey
  9410010: 'long_data长度超过限制',
  9410011: 'expire_seconds超过限制',
  9410012: 'short_key不存在/过期/不属于本账号',
  // 订阅通知 template administration (wxaapi/newtmpl/*)
  200012: 'private template count reaches limit',
  200014: 'invalid tid',
  200020: 'invalid kidList',
  200021: 'invalid sceneDesc',
  // datacube: https://developers.weixin.qq.com/doc/offiaccount/Analytics/User_Analysis_Data_Interface.html
  61500: 'date format error',
  61501: 'date range error',
  // OCR / image processing: https://developers.weixin.qq.com/doc/offiaccount/Intelligent_Interface/OCR.html
  // (101000 图片URL错误或拉取URL图像错误, 101001 图片中无法找到证件, 101002 图片数据无效; English text paraphrased)
  // 电子发票 (https://developers.weixin.qq.com/doc/offiaccount/WeChat_Invoice/E_Invoice/Vendor_API_List.html error table;
  // English text paraphrased from the Chinese column)
  72017: 'invalid invoice title',
  72024: 'invoice status error',
  72028: 'invoice never set pay mch info',
  72029: 'invoice never set auth field',
  72031: 'invalid params',
  72038: 'invoice order never auth',
  101000: 'invalid image url or failed to fetch the image',
  101001: 'certificate not found in the image',
  101002: 'invalid image data',
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
