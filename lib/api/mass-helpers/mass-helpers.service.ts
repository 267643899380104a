import type { WechatApiClient } from '../wechat-api.client.js';
import type { MassNewsArticleDto, MassSpeed } from './mass-helpers.dto.js';
import { MASS_HELPER_ENDPOINTS as E } from './mass-helpers.endpoints.js';
import type { MassMediaResult, MassSpeedResult } from './mass-helpers.types.js';

/**
 * What a mass send (群发) needs besides the send: the media_id of an `mpvideo` (`uploadVideo`), of an `mpnews`
 * (`DraftService.add`, or the deprecated `uploadNews`), and the sending speed. Send with `MessageService`'s mass
 * methods; WeChat pushes MASSSENDJOBFINISH when the send ends.
 */
export class MassHelperService {
  constructor(private readonly client: WechatApiClient) {}

  /**
   * 上传图文消息素材: articles for a mass `mpnews`.
   * @deprecated The docs say 该能力已更新为草稿箱: use `DraftService.add()` and mass-send the draft's media_id.
   */
  uploadNews(articles: MassNewsArticleDto[]): Promise<MassMediaResult> {
    return this.client.call(E.massUploadNews, { articles });
  }

  /** 上传群发视频: the media_id of a mass `mpvideo`, from an uploaded video's media_id. */
  uploadVideo(videoMediaId: string, title?: string, description?: string): Promise<MassMediaResult> {
    return this.client.call(E.massUploadVideo, {
      media_id: videoMediaId,
      ...(title !== undefined ? { title } : {}),
      ...(description !== undefined ? { description } : {}),
    });
  }

  /** 获取群发速度. */
  getSpeed(): Promise<MassSpeedResult> {
    return this.client.call(E.massSpeedGet);
  }

  /** 设置群发速度: 0 (80万/分钟, fastest) to 4 (10万/分钟). */
  async setSpeed(speed: MassSpeed): Promise<void> {
    await this.client.call(E.massSpeedSet, { speed });
  }
}
