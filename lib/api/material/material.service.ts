import { WechatTransportError } from '../../errors/wechat-transport.error.js';
import type { WechatApiClient } from '../wechat-api.client.js';
import { formatOf } from './material.dto.js';
import { MATERIAL_ENDPOINTS as E } from './material.endpoints.js';
import type {
  BatchGetType,
  MaterialBatch,
  MaterialCount,
  MediaInput,
  MediaType,
  NewsItem,
  PermanentMaterial,
  PermanentMaterialAdded,
  TemporaryMedia,
  TemporaryMediaContent,
} from './material.types.js';

const CONTENT_TYPE_BY_FORMAT: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  amr: 'audio/amr',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  wma: 'audio/x-ms-wma',
  mp4: 'video/mp4',
};

/** Temporary media (3 days), article images and the permanent material library. */
export class MaterialService {
  constructor(private readonly client: WechatApiClient) {}

  /** 新增临时素材: uploads a temporary media (kept 3 days). */
  async uploadTemporary(type: MediaType, file: MediaInput): Promise<TemporaryMedia> {
    const answer = await this.client.call(E.mediaUpload, { type, media: withContentType(file) });
    // A thumb upload answers `thumb_media_id` in place of `media_id`.
    const mediaId = answer.media_id ?? answer.thumb_media_id;
    if (typeof mediaId !== 'string') throw new WechatTransportError('bad_response', E.mediaUpload.path, 'the answer holds no media_id');
    return { type: answer.type ?? type, media_id: mediaId, created_at: answer.created_at };
  }

  /** 获取临时素材: the file, or for a video its URL. */
  async getTemporary(mediaId: string): Promise<TemporaryMediaContent> {
    const result = await this.client.call(E.mediaGet, { media_id: mediaId });
    if (result.kind === 'file') return result;
    if (typeof result.json.video_url === 'string') return { kind: 'video', video_url: result.json.video_url };
    throw new WechatTransportError('bad_response', E.mediaGet.path, 'JSON answer without video_url');
  }

  /** 上传图文消息内的图片: an image for use inside an article body; returns its URL. */
  async uploadArticleImage(file: MediaInput): Promise<string> {
    return (await this.client.call(E.mediaUploadImg, { media: withContentType(file) })).url;
  }

  /**
   * 新增其他类型永久素材. A video needs its title and introduction. Not repeated on failure: a repeat could add the
   * material twice to a library with a size limit.
   */
  addPermanent(type: MediaType, file: MediaInput, video?: { title: string; introduction?: string }): Promise<PermanentMaterialAdded> {
    return this.client.call(E.materialAdd, {
      type,
      media: withContentType(file),
      ...(type === 'video' || video !== undefined
        ? { description: video && { title: video.title, introduction: video.introduction ?? '' } }
        : {}),
    });
  }

  /** 获取永久素材: the file, a video's metadata and download URL, or a news material's articles. */
  async getPermanent(mediaId: string): Promise<PermanentMaterial> {
    const result = await this.client.call(E.materialGet, { media_id: mediaId });
    if (result.kind === 'file') return result;
    const json = result.json;
    if (Array.isArray(json.news_item)) return { kind: 'news', news_item: json.news_item as NewsItem[] };
    if (typeof json.down_url === 'string') {
      return { kind: 'video', title: String(json.title ?? ''), description: String(json.description ?? ''), down_url: json.down_url };
    }
    throw new WechatTransportError('bad_response', E.materialGet.path, 'unrecognized JSON answer');
  }

  /** 删除永久素材. */
  async deletePermanent(mediaId: string): Promise<void> {
    await this.client.call(E.materialDelete, { media_id: mediaId });
  }

  /** 获取素材总数. */
  count(): Promise<MaterialCount> {
    return this.client.call(E.materialCount);
  }

  /** 获取素材列表: one page of the library, `count` 1–20 entries from `offset`. */
  batchGet(type: BatchGetType, offset = 0, count = 20): Promise<MaterialBatch> {
    return this.client.call(E.materialBatchGet, { type, offset, count });
  }
}

/** Names the content type from the format when the caller gave none (WeChat reads it). */
function withContentType(file: MediaInput): MediaInput {
  if (typeof file !== 'object' || file === null || file.contentType !== undefined) return file;
  const contentType = CONTENT_TYPE_BY_FORMAT[formatOf(file) ?? ''];
  return contentType ? { ...file, contentType } : file;
}
