import { Injectable, Logger } from '@nestjs/common';
import {
  OnEvent,
  OnFile,
  OnImage,
  OnLink,
  OnLocation,
  OnMenuClick,
  OnMenuView,
  OnMessage,
  OnScan,
  OnShortVideo,
  OnSubscribe,
  OnText,
  OnUnsubscribe,
  OnVideo,
  OnVoice,
  QrcodeService,
  Reply,
  TagService,
  UserService,
  WechatApiError,
  WechatContext,
  WechatMessage,
  type FileMessage,
  type ImageMessage,
  type InboundMessage,
  type LinkMessage,
  type LocationEvent,
  type LocationMessage,
  type MenuViewEvent,
  type QrSceneEvent,
  type ShortVideoMessage,
  type SubscribeEvent,
  type TextMessage,
  type UnsubscribeEvent,
  type VideoMessage,
  type VoiceMessage,
  type WechatInboundContext,
} from 'nestjs-wechat-mp';

const NOT_FOLLOWING = '你还没有关注本公众号。';
/** Subscribe times are shown in Beijing time, whatever the server's time zone. */
const BEIJING_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});

/** One handler per decorator, to show them all. Each return value is the passive reply. */
@Injectable()
export class SampleHandlers {
  private readonly logger = new Logger('SampleHandlers');

  constructor(
    private readonly qrcodes: QrcodeService,
    private readonly users: UserService,
    private readonly tags: TagService,
  ) {}

  @OnText('help')
  help(): string {
    return '发送任意文字我会复述；发送 "qrcode" 获取带参数二维码；发送 "news" 看图文回复；发送 "me" 查看你的关注时间和标签；发送 "publish 标题" 发布一篇文章。';
  }

  @OnText('news')
  news(): Reply {
    return Reply.news([
      {
        title: 'nestjs-wechat-mp',
        description: 'Typed WeChat callbacks for NestJS',
        url: 'https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Overview.html',
      },
    ]);
  }

  /** Uses an outbound service on demand: a temporary QR code whose scene is the sender's OpenID. */
  @OnText(/^qr(code)?$/i)
  async qrcode(@WechatMessage() message: TextMessage): Promise<string> {
    const qrcode = await this.qrcodes.createTemporary({ scene: `from:${message.FromUserName}`.slice(0, 64), expireSeconds: 600 });
    return `二维码: ${qrcode.showUrl}`;
  }

  /** Reads the sender through the user and tag services: when they subscribed and the names of their tags. */
  @OnText(/^me$/i)
  async me(@WechatMessage() message: TextMessage): Promise<string> {
    const openid = message.FromUserName;
    try {
      const [info, tagIds, tags] = await Promise.all([this.users.getInfo(openid), this.tags.getUserTagIds(openid), this.tags.list()]);
      if (info.subscribe !== 1 || info.subscribe_time === undefined) return NOT_FOLLOWING;
      const names = tagIds.map((id) => tags.find((tag) => tag.id === id)?.name ?? String(id));
      return `你于 ${BEIJING_TIME.format(new Date(info.subscribe_time * 1000))} 关注本公众号；标签：${names.length > 0 ? names.join('、') : '无'}`;
    } catch (error) {
      // 40003: WeChat does not know this OpenID as a follower of the account.
      if (error instanceof WechatApiError && error.errcode === 40003) return NOT_FOLLOWING;
      throw error;
    }
  }

  /**
   * The reply-deadline demo: "sleep 10" answers after 10 s. WeChat waits 5 s at most, so the module answers
   * "success" at the deadline (replyDeadlineMs, default 4 s) and sends this reply as a customer-service message
   * when it is ready; WeChat's retries of the message get "success" too, and the handler runs only once.
   */
  @OnText(/^sleep (\d{1,2})$/)
  async sleep(@WechatMessage() message: TextMessage): Promise<string> {
    const seconds = Number(message.Content.slice('sleep '.length));
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    return `睡了 ${seconds} 秒`;
  }

  /** Any other text: echoed back verbatim inside the reply. */
  @OnText()
  echo(@WechatMessage() message: TextMessage): string {
    return `你说：${message.Content}`;
  }

  @OnImage()
  image(@WechatMessage() message: ImageMessage): Reply {
    return Reply.image(message.MediaId);
  }

  @OnVoice()
  voice(@WechatMessage() message: VoiceMessage): string {
    return message.Recognition ? `你说的是：${message.Recognition}` : '收到语音';
  }

  @OnVideo()
  @OnShortVideo()
  video(@WechatMessage() message: VideoMessage | ShortVideoMessage): string {
    return message.MsgType === 'shortvideo' ? '收到小视频' : '收到视频';
  }

  @OnLocation()
  location(@WechatMessage() message: LocationMessage): string {
    return `你在：${message.Label}（${message.Location_X}, ${message.Location_Y}）`;
  }

  @OnLink()
  link(@WechatMessage() message: LinkMessage): string {
    return `收到链接：${message.Title}`;
  }

  @OnFile()
  file(@WechatMessage() message: FileMessage): string {
    return `收到文件：${message.Title}`;
  }

  /** New followers, including those who scanned a parametric QR code (then `context.scene` holds the scene). */
  @OnSubscribe()
  welcome(@WechatMessage() message: SubscribeEvent, @WechatContext() context: WechatInboundContext): string {
    const from = context.scene ? `（来自场景 ${context.scene}）` : '';
    return `欢迎关注${from}，${message.FromUserName}！发送 help 查看能做什么。`;
  }

  /** Followers scanning a parametric QR code (SCAN events). */
  @OnScan()
  scanned(@WechatMessage() _message: QrSceneEvent, @WechatContext() context: WechatInboundContext): string {
    return `扫码场景：${context.scene ?? ''}`;
  }

  @OnUnsubscribe()
  goodbye(@WechatMessage() message: UnsubscribeEvent): void {
    this.logger.log(`Unsubscribed: ${message.FromUserName}`);
  }

  @OnMenuClick('API_MENU_P_2')
  todaysPick(): string {
    return '今日推荐：nestjs-wechat-mp';
  }

  @OnMenuView()
  menuView(@WechatMessage() message: MenuViewEvent): void {
    this.logger.log(`Menu link opened: ${message.EventKey}`);
  }

  @OnEvent('LOCATION')
  reportedLocation(@WechatMessage() message: LocationEvent): void {
    this.logger.log(`Location reported by ${message.FromUserName}`);
  }

  /** Anything without a handler of its own: no reply (WeChat gets `success`). */
  @OnMessage()
  fallback(@WechatMessage() message: InboundMessage): void {
    const event = 'Event' in message && message.Event ? `/${String(message.Event)}` : '';
    this.logger.log(`No handler for ${message.MsgType}${event}`);
  }
}
