import { WechatValidationError } from '../../errors/wechat-validation.error.js';
import type { WechatApiClient } from '../wechat-api.client.js';
import type { TicketType } from './jssdk.dto.js';
import { JSSDK_ENDPOINTS as E } from './jssdk.endpoints.js';
import { jssdkNonce, jssdkPageUrl, jssdkSignature } from './jssdk-signature.js';
import type { HdVoiceDownload, WxConfig, WxConfigOptions } from './jssdk.types.js';

/** JS-SDK for H5 pages in WeChat: the `wx.config` signature over the cached jsapi_ticket, and the HD voice download. */
export class JssdkService {
  constructor(private readonly client: WechatApiClient) {}

  /**
   * JS-SDK 权限签名: the object to pass to `wx.config` on the page at `url` (its `#fragment` is dropped, as WeChat
   * does). The jsapi_ticket comes from the credential manager (cached, shared by the cluster's store).
   */
  async buildConfig(options: WxConfigOptions): Promise<WxConfig> {
    if (!options || typeof options !== 'object') throw new WechatValidationError('options', 'must be an object');
    const url = jssdkPageUrl(options.url);
    const jsApiList = stringList(options.jsApiList, 'jsApiList');
    const openTagList = stringList(options.openTagList, 'openTagList');
    const ticket = await this.client.tickets.getTicket('jsapi');
    const nonceStr = jssdkNonce();
    const timestamp = Math.floor(Date.now() / 1000);
    return {
      debug: options.debug === true,
      appId: this.client.account.appId,
      timestamp,
      nonceStr,
      signature: jssdkSignature({ ticket, nonceStr, timestamp, url }),
      jsApiList,
      openTagList,
    };
  }

  /** 获取 jsapi_ticket: the cached ticket (`jsapi` or `wx_card`), e.g. to sign 卡券 calls yourself. */
  getTicket(type: TicketType = 'jsapi'): Promise<string> {
    return this.client.tickets.getTicket(type);
  }

  /**
   * 获取高清语音素材: the voice `wx.uploadVoice` stored (its `serverId`), as 16 kHz speex. Resolves with the file
   * (`kind: 'file'`); WeChat keeps it 3 days.
   */
  downloadHdVoice(mediaId: string): Promise<HdVoiceDownload> {
    return this.client.call(E.mediaGetJssdk, { media_id: mediaId });
  }
}

function stringList(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new WechatValidationError(field, 'must be an array of names');
  value.forEach((name, i) => {
    if (typeof name !== 'string' || !/^[\w-]{1,64}$/.test(name)) throw new WechatValidationError(`${field}[${i}]`, 'must be an API or tag name');
  });
  return [...value];
}
