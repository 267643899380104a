import type { ErrcodeExplanation } from '../errors/wechat-api.error.js';

/**
 * Explanations of the errcodes callers meet most, one table for both languages.
 * Source: 全局返回码 https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html
 * and the error sections of the menu, message and mass-send pages.
 */
export const ERRCODE_EXPLANATIONS: Readonly<Record<number, ErrcodeExplanation>> = {
  [-1]: { zh: '系统繁忙，请稍候再试', en: 'WeChat is busy; try again later' },
  40001: {
    zh: 'AppSecret 错误，或 access_token 无效（可能已被其他地方的刷新顶替）',
    en: 'wrong AppSecret, or the access_token is invalid (possibly replaced by a refresh elsewhere)',
  },
  40002: { zh: '不合法的凭证类型（grant_type）', en: 'invalid grant_type' },
  40003: { zh: '不合法的 OpenID，或该用户未关注本公众号', en: 'invalid OpenID, or the user does not follow this account' },
  40004: { zh: '不合法的媒体文件类型', en: 'invalid media type' },
  40007: { zh: '不合法的媒体文件 id', en: 'invalid media_id' },
  40013: { zh: '不合法的 AppID', en: 'invalid AppID' },
  40014: { zh: '不合法的 access_token', en: 'invalid access_token' },
  40016: { zh: '不合法的按钮个数', en: 'invalid number of menu buttons' },
  40018: { zh: '不合法的按钮名字长度', en: 'invalid menu button name length' },
  40019: { zh: '不合法的按钮 KEY 长度', en: 'invalid menu button key length' },
  40027: { zh: '不合法的子菜单按钮 URL 长度', en: 'invalid sub-button URL length' },
  40032: { zh: '不合法的 OpenID 列表长度（标签一次最多 50 个，黑名单 20 个）', en: 'invalid OpenID list size (50 per tag call, 20 per blacklist call)' },
  40037: { zh: '不合法的模板 id', en: 'invalid template_id' },
  40125: { zh: '不合法的 AppSecret', en: 'invalid AppSecret' },
  40164: {
    zh: '调用接口的 IP 地址不在白名单中，请在公众平台“IP白名单”中添加',
    en: 'the calling IP is not in the IP whitelist set in the Official Accounts Platform console',
  },
  41001: { zh: '缺少 access_token 参数', en: 'access_token missing' },
  41002: { zh: '缺少 AppID 参数', en: 'appid missing' },
  41004: { zh: '缺少 secret 参数', en: 'secret missing' },
  42001: { zh: 'access_token 超时，请检查 access_token 的有效期', en: 'access_token expired' },
  43004: { zh: '需要接收者关注', en: 'the recipient must follow the account' },
  43101: { zh: '用户拒绝接受消息', en: 'the user refused to receive the message' },
  44002: { zh: 'POST 的数据包为空', en: 'empty POST body' },
  45008: { zh: '图文消息的文章数超过限制（客服图文消息限 1 条）', en: 'too many articles (customer-service news carries 1)' },
  45009: {
    zh: '接口调用超过每日限额，可在公众平台清零（clear_quota）',
    en: 'daily API quota reached; it can be reset with clear_quota',
  },
  45011: { zh: 'API 调用太频繁，请稍候再试', en: 'API called too often; slow down' },
  45015: {
    zh: '回复时间超过限制（客服消息只能在用户最近一次互动后 48 小时内发送）',
    en: 'outside the reply window (customer-service messages only within 48 h of the user’s last interaction)',
  },
  45028: { zh: '没有群发配额', en: 'no mass-send quota left' },
  45047: { zh: '客服接口下行条数超过上限', en: 'too many customer-service messages to this user without a reply' },
  45056: { zh: '标签数量已达上限（100 个），请先删除不用的标签', en: 'too many tags (100 at most); delete unused ones first' },
  45058: { zh: '不能修改 0/1/2 这三个系统默认保留的标签', en: 'tags 0, 1 and 2 are WeChat\'s own and cannot be changed' },
  45059: { zh: '有粉丝身上的标签数已经超过限制（20 个）', en: 'a follower would carry more than 20 tags' },
  45065: {
    zh: '相同 clientmsgid 已存在群发记录（此群发已经发出，不会重复发送）',
    en: 'a mass send with this clientmsgid already exists (it went out; it is not sent again)',
  },
  45066: { zh: '相同 clientmsgid 重试速度过快，请间隔 1 分钟重试', en: 'same clientmsgid retried too fast; wait a minute' },
  45067: { zh: 'clientmsgid 长度超过限制', en: 'clientmsgid too long' },
  45080: {
    zh: '下发输入状态需要之前 30 秒内跟用户有过消息交互',
    en: 'typing status needs an interaction with the user in the last 30 s',
  },
  45157: { zh: '标签名非法或与已有标签重名', en: 'invalid tag name, or a tag of that name exists' },
  45158: { zh: '标签名长度超过 30 个字符', en: 'tag name longer than 30 characters' },
  45159: { zh: '非法的标签 id', en: 'invalid tag id' },
  46003: { zh: '不存在的菜单数据', en: 'no menu is set' },
  47001: { zh: '解析 JSON/XML 内容错误', en: 'malformed JSON/XML body' },
  48001: { zh: 'API 功能未授权，请确认公众号已获得该接口权限', en: 'this API is not authorized for the account' },
  48004: { zh: 'API 接口被封禁', en: 'this API is banned for the account' },
  48006: { zh: '本月清零次数已用完（每月 10 次）', en: 'no quota resets left this month (10 a month)' },
  49003: { zh: '传入的 OpenID 不属于此 AppID（不是本公众号的用户）', en: 'the OpenID does not belong to this AppID' },
  50002: { zh: '用户受限，可能是违规后接口被封禁', en: 'the account is restricted' },
  53600: { zh: 'Article ID 无效', en: 'invalid article_id' },
  65301: { zh: '不存在此 menuid 对应的个性化菜单', en: 'no conditional menu with this menuid' },
  65302: { zh: '没有相应的用户', en: 'no such user' },
  65303: { zh: '没有默认菜单，不能创建个性化菜单', en: 'a default menu must exist before conditional menus' },
  65304: { zh: 'MatchRule 信息为空', en: 'empty matchrule' },
  // Draft box, 订阅通知 (https://developers.weixin.qq.com/doc/offiaccount/Subscription_Messages/api.html)
  45003: { zh: '标题字段超过限制', en: 'title too long' },
  45004: { zh: '描述（摘要）字段超过限制', en: 'description (digest) too long' },
  45110: { zh: '作者字数超出限制', en: 'author too long' },
  47003: { zh: '参数错误（模板数据的键或取值不符合模板要求）', en: 'invalid argument (template data keys or values do not fit the template)' },
  200012: { zh: '个人模板数已达上限（50 个）', en: 'the account already holds the maximum of 50 templates' },
  200014: { zh: '模板 tid 参数错误', en: 'invalid template title id (tid)' },
  200020: { zh: '关键词列表 kidList 参数错误', en: 'invalid keyword list (kidList)' },
  200021: { zh: '场景描述 sceneDesc 参数错误', en: 'invalid scene description (sceneDesc)' },
  // OAuth2 网页授权 (https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html)
  40029: { zh: '不合法的 oauth_code（code 无效或已过期，5 分钟内有效）', en: 'invalid OAuth code (unknown, or older than 5 minutes)' },
  40163: { zh: 'oauth_code 已使用（code 只能使用一次）', en: 'this OAuth code was already used (codes are single-use)' },
  40030: { zh: '不合法的 refresh_token', en: 'invalid refresh_token' },
  42002: { zh: 'refresh_token 超时（30 天有效），需用户重新授权', en: 'refresh_token expired (30 days); the user must authorize again' },
  42003: { zh: 'oauth_code 超时', en: 'the OAuth code timed out' },
  63178: {
    zh: 'from_appid 错误，或账号迁移尚未完成/已超过 15 天（openid 转换只在迁移审核通过后 15 天内可用）',
    en: 'wrong from_appid, or the account migration is not done or ended over 15 days ago',
  },
  89503: {
    zh: '此 IP 调用需要管理员确认，请联系管理员',
    en: 'calls from this IP need the administrator’s confirmation',
  },
  // Issue 10 areas: customer-service administration, openApi, QR jump rules, comments, short keys
  65400: { zh: '客服 API 不可用：未开通或未升级到新版客服功能', en: 'the customer-service API is not enabled for the account' },
  65401: { zh: '无效的客服账号', en: 'no such customer-service account' },
  65402: { zh: '客服账号尚未绑定微信号，不能投入使用', en: 'the customer-service account has no WeChat user bound yet' },
  65403: { zh: '客服昵称不合法', en: 'invalid customer-service nickname' },
  65404: { zh: '客服账号不合法（格式：前缀@公众号微信号）', en: 'invalid customer-service account (prefix@account-wechat-id)' },
  65405: { zh: '客服账号数目已达上限（100 个）', en: 'the account already has the most customer-service accounts (100)' },
  65406: { zh: '客服账号已存在', en: 'the customer-service account already exists' },
  65407: { zh: '邀请对象已经是本公众号客服', en: 'the invited user already serves the account' },
  65408: { zh: '已向该微信号发送过邀请', en: 'that WeChat user was already invited' },
  65409: { zh: '无效的微信号', en: 'invalid WeChat ID' },
  65410: { zh: '邀请对象绑定的客服账号数量超限', en: 'the invited user is bound to too many customer-service accounts' },
  65411: { zh: '该客服账号已有待确认的绑定邀请', en: 'a binding invitation for this account is pending' },
  65412: { zh: '该客服账号已绑定微信号', en: 'the customer-service account is already bound to a WeChat user' },
  65413: { zh: '不存在对应用户的会话信息', en: 'no session with this customer' },
  65414: { zh: '客户正在被其他客服接待', en: 'another worker is serving the customer' },
  65415: { zh: '客服账号不在线', en: 'the customer-service account is offline' },
  65416: { zh: '查询参数不合法', en: 'invalid query parameters' },
  65417: { zh: '查询时间段超出限制（聊天记录每次最多 24 小时）', en: 'query period too long (chat records: 24 hours at most)' },
  76001: { zh: 'rid 不存在（rid 只保留 7 天）', en: 'rid not found (rids are kept 7 days)' },
  76002: { zh: 'rid 为空或格式错误', en: 'empty or malformed rid' },
  76003: { zh: '无权查询该 rid（只能查询本账号调用的 rid）', en: 'this rid belongs to another account' },
  76021: { zh: 'cgi_path 不存在', en: 'unknown cgi_path' },
  76022: { zh: '该 cgi_path 不支持此操作', en: 'this cgi_path cannot be used here' },
  85066: { zh: '二维码规则（prefix）不合法或不存在', en: 'invalid or unknown QR code rule prefix' },
  85071: { zh: '已添加该二维码规则，请勿重复添加', en: 'this QR code rule already exists' },
  85072: { zh: '该二维码规则已被其他账号占用', en: 'this QR code rule prefix is owned by another account' },
  85073: { zh: '二维码规则已满', en: 'too many QR code rules' },
  85074: { zh: '小程序未发布，需先发布代码才能发布二维码规则', en: 'the mini program has no released version yet' },
  85095: { zh: '二维码规则数据异常，请删除后重新添加', en: 'rule data error: delete the rule and add it again' },
  88000: { zh: '没有留言权限', en: 'the account has no comment privilege' },
  88001: { zh: '该图文（msg_data_id）不存在', en: 'no such published article (msg_data_id)' },
  88003: { zh: '精选留言数量已达上限', en: 'too many elected comments' },
  88005: { zh: '已经回复过该留言', en: 'the comment already has a reply' },
  88007: { zh: '回复内容为空或超出长度限制', en: 'empty or too long reply' },
  88008: { zh: '留言不存在', en: 'no such comment' },
  88010: { zh: '获取留言数目不合法（1–49）', en: 'comment count out of range (1-49)' },
  9410010: { zh: '短 key 长信息超过 4KB', en: 'long_data is over 4 KB' },
  9410011: { zh: '短 key 过期时间超过 30 天', en: 'expire_seconds is over 30 days' },
  9410012: { zh: '短 key 不存在、已过期或不属于本账号', en: 'short key unknown, expired or of another account' },
  // 数据统计
  61500: { zh: '日期格式错误（应为 YYYY-MM-DD）', en: 'date format error (YYYY-MM-DD expected)' },
  61501: { zh: '日期范围错误：结束日期最大为昨日，且跨度不能超过接口的最大时间跨度', en: 'date range error: the end is at most yesterday and the span within the API’s maximum' },
  // 电子发票
  72017: { zh: '发票抬头不合法', en: 'invalid invoice title' },
  72024: { zh: '发票状态错误（已报销的发票不能再改状态）', en: 'invoice status error (a reimbursed invoice cannot change)' },
  72028: { zh: '未设置商户号与开票平台的关联（setbizattr set_pay_mch）', en: 'the merchant ID was never linked (setbizattr set_pay_mch)' },
  72029: { zh: '未设置授权页字段（setbizattr set_auth_field）', en: 'the authorisation page fields were never set (setbizattr set_auth_field)' },
  72031: { zh: '参数错误', en: 'invalid parameters' },
  72038: { zh: '订单没有授权，可能是开票平台 appid、商户 appid、订单 order_id 不匹配', en: 'the order was never authorised (check the platform appid, merchant appid and order_id)' },
  // 智能接口
  101000: { zh: '图片 URL 错误或拉取 URL 图像错误', en: 'bad image URL, or WeChat could not fetch it' },
  101001: { zh: '图片中无法找到证件', en: 'no card or licence found in the image' },
  101002: { zh: '图片数据无效', en: 'invalid image data' },
};

/** Errcodes meaning "this access_token is not (or no longer) valid": refresh and retry once. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

/** WeChat's "system busy": the only errcode worth repeating a read for. */
export const BUSY_ERRCODE = -1;

export function explainErrcode(errcode: number): ErrcodeExplanation | undefined {
  return ERRCODE_EXPLANATIONS[errcode];
}
