import { validateDto } from '../dto/validate-dto.js';
import type { WechatApiClient } from '../wechat-api.client.js';
import { OneTimeAuthorizeDto, SUBSCRIBE_LIMITS, type OneTimeSubscribeSendDto, type SubscribeSendDto } from './subscribe.dto.js';
import { SUBSCRIBE_ENDPOINTS as E } from './subscribe.endpoints.js';
import type {
  OneTimeAuthorizeOptions,
  PubTemplateKeyword,
  PubTemplateTitle,
  PubTemplateTitlePage,
  SubscribeCategory,
  SubscribeTemplate,
} from './subscribe.types.js';

/** Where the one-time subscribe authorize page lives (mp.weixin.qq.com on the real platform). */
const AUTHORIZE_PAGE = { host: 'mp', path: '/mp/subscribemsg' } as const;

/**
 * 订阅通知: choose templates from the public library, send to followers who accepted them (a follower who did not
 * gets errcode 43101), and the older one-time subscribe message with its authorize page. The three inbound events
 * (`subscribe_msg_popup_event`, `subscribe_msg_change_event`, `subscribe_msg_sent_event`) arrive as typed events.
 */
export class SubscribeService {
  constructor(private readonly client: WechatApiClient) {}

  /** 发送订阅通知. Never repeated automatically. */
  async send(message: SubscribeSendDto): Promise<void> {
    await this.client.call(E.subscribeSend, message);
  }

  /** 选用模板: 2 to 5 keyword ids of a public template; resolves with the account's template id (priTmplId). */
  async addTemplate(tid: string | number, kidList: number[], sceneDesc?: string): Promise<string> {
    const input = { tid: String(tid), kidList, ...(sceneDesc !== undefined ? { sceneDesc } : {}) };
    return (await this.client.call(E.subscribeTemplateAdd, input)).priTmplId;
  }

  /** 删除模板. */
  async deleteTemplate(priTmplId: string): Promise<void> {
    await this.client.call(E.subscribeTemplateDelete, { priTmplId });
  }

  /** 获取公众号类目. */
  async getCategories(): Promise<SubscribeCategory[]> {
    return (await this.client.call(E.subscribeCategories)).data;
  }

  /** 获取模板中的关键词. */
  async getPublicTemplateKeywords(tid: string | number): Promise<PubTemplateKeyword[]> {
    return (await this.client.call(E.subscribePubKeywords, { tid: String(tid) })).data;
  }

  /** 获取类目下的公共模板: one page (`limit` at most 30) of the categories' public templates. */
  getPublicTemplateTitles(categoryIds: readonly (number | string)[], start = 0, limit: number = SUBSCRIBE_LIMITS.titlesPageSize): Promise<PubTemplateTitlePage> {
    return this.client.call(E.subscribePubTitles, { ids: categoryIds.join(','), start, limit });
  }

  /** Every public template of the categories, page by page. */
  async *iteratePublicTemplateTitles(categoryIds: readonly (number | string)[], pageSize: number = SUBSCRIBE_LIMITS.titlesPageSize): AsyncGenerator<PubTemplateTitle, void, undefined> {
    for (let start = 0; ; ) {
      const { count, data } = await this.getPublicTemplateTitles(categoryIds, start, pageSize);
      yield* data;
      start += data.length;
      if (data.length === 0 || start >= count) return;
    }
  }

  /** 获取私有模板列表: the account's templates. */
  async listTemplates(): Promise<SubscribeTemplate[]> {
    return (await this.client.call(E.subscribeTemplates)).data;
  }

  /** 发送一次性订阅消息: one message per confirmation on the authorize page, with the confirmed scene. */
  async sendOneTime(message: OneTimeSubscribeSendDto): Promise<void> {
    await this.client.call(E.oneTimeSubscribeSend, message);
  }

  /**
   * The one-time subscribe authorize page (`mp/subscribemsg?action=get_confirm…#wechat_redirect`) to open in WeChat.
   * WeChat sends the user back to `redirectUrl` with `openid`, `template_id`, `action` (confirm/cancel), `scene`
   * and `reserved`. Checked like a call: a bad scene or reserved throws `WechatValidationError` naming the field.
   */
  oneTimeAuthorizeUrl(options: OneTimeAuthorizeOptions): string {
    const input = validateDto(OneTimeAuthorizeDto, {
      template_id: options.templateId,
      scene: options.scene,
      redirect_url: options.redirectUrl,
      ...(options.reserved !== undefined ? { reserved: options.reserved } : {}),
    });
    const query: Record<string, string> = {
      action: 'get_confirm',
      appid: this.client.account.appId,
      scene: String(input.scene),
      template_id: input.template_id,
      redirect_url: input.redirect_url,
      ...(input.reserved !== undefined ? { reserved: input.reserved } : {}),
    };
    return `${this.client.urlOf(AUTHORIZE_PAGE, query)}#wechat_redirect`;
  }
}
