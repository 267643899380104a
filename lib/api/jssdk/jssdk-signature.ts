import { createHash, randomBytes } from 'node:crypto';
import { WechatValidationError } from '../../errors/wechat-validation.error.js';

/**
 * The page URL WeChat signs: the full URL (scheme, host, path, query) without its `#fragment`, exactly as the page
 * sees it in `location.href` ("签名用的url必须是调用JS接口页面的完整URL", "不包含#及其后面部分").
 */
export function jssdkPageUrl(url: unknown, field = 'url'): string {
  if (typeof url !== 'string' || url.length === 0) throw new WechatValidationError(field, 'must be the page URL (location.href)');
  const hash = url.indexOf('#');
  const page = hash < 0 ? url : url.slice(0, hash);
  if (!/^https?:\/\/[^\s/?#]+/i.test(page) || /\s/.test(page)) {
    throw new WechatValidationError(field, 'must be an absolute http(s) URL such as "https://h5.example.com/page?x=1"');
  }
  return page;
}

/**
 * JS-SDK 权限签名: SHA-1 over `jsapi_ticket=…&noncestr=…&timestamp=…&url=…` (fields in ASCII order, values raw,
 * not URL-encoded). https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html (附录1)
 */
export function jssdkSignature(input: { ticket: string; nonceStr: string; timestamp: number; url: string }): string {
  const plain = `jsapi_ticket=${input.ticket}&noncestr=${input.nonceStr}&timestamp=${input.timestamp}&url=${input.url}`;
  return createHash('sha1').update(plain, 'utf8').digest('hex');
}

/** A nonceStr: 16 random letters and digits (WeChat allows up to 32). */
export function jssdkNonce(): string {
  return randomBytes(8).toString('hex');
}
