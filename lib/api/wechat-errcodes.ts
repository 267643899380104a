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
  63178: {
    zh: 'from_appid 错误，或账号迁移尚未完成/已超过 15 天（openid 转换只在迁移审核通过后 15 天内可用）',
    en: 'wrong from_appid, or the account migration is not done or ended over 15 days ago',
  },
  89503: {
    zh: '此 IP 调用需要管理员确认，请联系管理员',
    en: 'calls from this IP need the administrator’s confirmation',
  },
};

/** Errcodes meaning "this access_token is not (or no longer) valid": refresh and retry once. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

/** WeChat's "system busy": the only errcode worth repeating a read for. */
export const BUSY_ERRCODE = -1;

export function explainErrcode(errcode: number): ErrcodeExplanation | undefined {
  return ERRCODE_EXPLANATIONS[errcode];
}
