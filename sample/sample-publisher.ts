import { Injectable, Logger } from '@nestjs/common';
import {
  DraftService,
  MaterialService,
  MessageService,
  OnEvent,
  OnText,
  PublishService,
  SubscribeService,
  WechatMessage,
  type PublishJobFinishEvent,
  type SubscribeMsgPopupEvent,
  type TextMessage,
} from 'nestjs-wechat-mp';
import { coverPng } from './cover-image.js';

/** "标题，总长度不超过32个字". */
const MAX_TITLE = 32;

/**
 * The publishing demo. A follower sends `publish` (optionally followed by a title): the sample uploads a generated
 * cover as a permanent image, creates a draft and submits it. Publishing is asynchronous: when WeChat pushes
 * PUBLISHJOBFINISH, the sample sends that follower a customer-service message with the article's URL.
 * The event comes from a system account, so who asked is kept here, by publish_id (in memory: a real app keeps it
 * in its database, since the event may reach another process or come after a restart).
 */
@Injectable()
export class SamplePublisher {
  private readonly logger = new Logger('SamplePublisher');
  private readonly requestedBy = new Map<string, string>();
  private cover?: Promise<string>;

  constructor(
    private readonly material: MaterialService,
    private readonly drafts: DraftService,
    private readonly publish: PublishService,
    private readonly messages: MessageService,
    private readonly subscribe: SubscribeService,
  ) {}

  @OnText(/^publish(\s|$)/i)
  async startPublish(@WechatMessage() message: TextMessage): Promise<string> {
    const title = [...(message.Content.slice('publish'.length).trim() || '来自 nestjs-wechat-mp 样例的文章')].slice(0, MAX_TITLE).join('');
    const mediaId = await this.drafts.add([
      {
        title,
        author: 'nestjs-wechat-mp',
        digest: '草稿箱 + 发布能力的样例',
        content: `<p>${escapeHtml(title)}</p><p>这篇文章由样例应用通过草稿箱接口创建并发布。</p>`,
        thumb_media_id: await this.coverMediaId(),
        need_open_comment: 1,
      },
    ]);
    const { publish_id } = await this.publish.submit(mediaId);
    this.requestedBy.set(publish_id, message.FromUserName);
    return `已提交发布（publish_id ${publish_id}），发布完成后会把文章链接发给你。`;
  }

  @OnEvent('PUBLISHJOBFINISH')
  async published(@WechatMessage() event: PublishJobFinishEvent): Promise<void> {
    const info = event.PublishEventInfo;
    const openid = this.requestedBy.get(info.publish_id);
    if (!openid) return this.logger.log(`Publish ${info.publish_id} finished (status ${info.publish_status}); not started here`);
    this.requestedBy.delete(info.publish_id);
    const url = info.article_detail?.item[0]?.article_url;
    const content = info.publish_status === '0' && url ? `文章已发布：${url}` : `发布失败（publish_status ${info.publish_status}）`;
    await this.messages.sendCustomerService(openid, { type: 'text', content });
  }

  /**
   * A 订阅通知 from a handler: a follower who accepts a template in the subscribe popup gets a first notification
   * at once. The data keys are those of the sample's template (public template 1001 with keywords 1 and 2:
   * 文章标题 thing1, 发布时间 time2).
   */
  @OnEvent('subscribe_msg_popup_event')
  async subscribed(@WechatMessage() event: SubscribeMsgPopupEvent): Promise<void> {
    for (const item of event.SubscribeMsgPopupEvent.List) {
      if (item.SubscribeStatusString !== 'accept') continue;
      await this.subscribe.send({
        touser: event.FromUserName,
        template_id: item.TemplateId,
        data: { thing1: { value: '订阅成功，新文章发布时通知你' }, time2: { value: formatTime(new Date()) } },
      });
    }
  }

  /** One permanent cover image for every article (permanent material is limited, so it is uploaded once). */
  private coverMediaId(): Promise<string> {
    this.cover ??= this.material
      .addPermanent('image', { data: coverPng(), fileName: 'cover.png', contentType: 'image/png' })
      .then((added) => added.media_id);
    this.cover.catch(() => (this.cover = undefined)); // try again next time
    return this.cover;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' } as const)[c as '&']};`);
}

/** `2024-05-20 10:00` in China Standard Time, the `time` kind's format. */
function formatTime(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
