import { WechatTransportError } from '../errors/wechat-transport.error.js';
import { checkInteger, checkObject, checkOneOf, checkString, invalid } from './api-validation.js';
import type { WechatApiClient } from './wechat-api.client.js';
import { ENDPOINTS } from './wechat-endpoints.js';
import {
  MEDIA_LIMITS,
  type BatchGetType,
  type MaterialBatch,
  type MaterialCount,
  type MediaInput,
  type MediaLimit,
  type MediaType,
  type NewsItem,
  type PermanentMaterial,
  type PermanentMaterialAdded,
  type TemporaryMedia,
  type TemporaryMediaContent,
} from './material.types.js';

const MEDIA_TYPES: readonly MediaType[] = ['image', 'voice', 'video', 'thumb'];
const BATCH_TYPES: readonly BatchGetType[] = ['image', 'video', 'voice', 'news'];

/** Formats named by content type, for files whose name has no extension. */
const FORMAT_BY_CONTENT_TYPE: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/bmp': 'bmp',
  'audio/amr': 'amr',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/x-ms-wma': 'wma',
  'video/mp4': 'mp4',
};
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

  /** Uploads a temporary media (kept 3 days). */
  async uploadTemporary(type: MediaType, file: MediaInput): Promise<TemporaryMedia> {
    checkOneOf(type, 'type', MEDIA_TYPES);
    const answer = await this.client.request<TemporaryMedia & { thumb_media_id?: string }>(ENDPOINTS.mediaUpload, {
      query: { type },
      file: checkedFile(file, MEDIA_LIMITS.temporary[type], `${type} (temporary)`),
    });
    // A thumb upload answers `thumb_media_id` in place of `media_id`.
    const mediaId = answer.media_id ?? answer.thumb_media_id;
    if (typeof mediaId !== 'string') throw new WechatTransportError('bad_response', ENDPOINTS.mediaUpload.path, 'the answer holds no media_id');
    return { type: answer.type ?? type, media_id: mediaId, created_at: answer.created_at };
  }

  /** Downloads a temporary media: the file, or for a video its URL. */
  async getTemporary(mediaId: string): Promise<TemporaryMediaContent> {
    checkString(mediaId, 'media_id');
    const result = await this.client.download(ENDPOINTS.mediaGet, { query: { media_id: mediaId } });
    if (result.kind === 'file') return result;
    if (typeof result.json.video_url === 'string') return { kind: 'video', video_url: result.json.video_url };
    throw new WechatTransportError('bad_response', ENDPOINTS.mediaGet.path, 'JSON answer without video_url');
  }

  /** Uploads an image for use inside an article body; returns its URL. */
  async uploadArticleImage(file: MediaInput): Promise<string> {
    const answer = await this.client.request<{ url: string }>(ENDPOINTS.mediaUploadImg, {
      file: checkedFile(file, MEDIA_LIMITS.articleImage, 'article image'),
    });
    return answer.url;
  }

  /**
   * Adds a permanent material. A video needs its title and introduction. Not repeated on failure: a repeat could
   * add the material twice to a library with a size limit.
   */
  async addPermanent(
    type: MediaType,
    file: MediaInput,
    video?: { title: string; introduction?: string },
  ): Promise<PermanentMaterialAdded> {
    checkOneOf(type, 'type', MEDIA_TYPES);
    let fields: Record<string, string> | undefined;
    if (type === 'video') {
      checkObject(video, 'description');
      checkString(video?.title, 'description.title');
      checkString(video?.introduction, 'description.introduction', { optional: true });
      fields = { description: JSON.stringify({ title: video!.title, introduction: video!.introduction ?? '' }) };
    }
    return this.client.request<PermanentMaterialAdded>(ENDPOINTS.materialAdd, {
      query: { type },
      file: checkedFile(file, MEDIA_LIMITS.permanent[type], `${type} (permanent)`),
      fields,
    });
  }

  /** A permanent material: the file, a video's metadata and download URL, or a news material's articles. */
  async getPermanent(mediaId: string): Promise<PermanentMaterial> {
    checkString(mediaId, 'media_id');
    const result = await this.client.download(ENDPOINTS.materialGet, { body: { media_id: mediaId } });
    if (result.kind === 'file') return result;
    const json = result.json;
    if (Array.isArray(json.news_item)) return { kind: 'news', news_item: json.news_item as NewsItem[] };
    if (typeof json.down_url === 'string') {
      return {
        kind: 'video',
        title: String(json.title ?? ''),
        description: String(json.description ?? ''),
        down_url: json.down_url,
      };
    }
    throw new WechatTransportError('bad_response', ENDPOINTS.materialGet.path, 'unrecognized JSON answer');
  }

  async deletePermanent(mediaId: string): Promise<void> {
    checkString(mediaId, 'media_id');
    await this.client.request(ENDPOINTS.materialDelete, { body: { media_id: mediaId } });
  }

  count(): Promise<MaterialCount> {
    return this.client.request<MaterialCount>(ENDPOINTS.materialCount);
  }

  /** One page of the library: `count` 1–20 entries from `offset`. */
  async batchGet(type: BatchGetType, offset = 0, count = 20): Promise<MaterialBatch> {
    checkOneOf(type, 'type', BATCH_TYPES);
    checkInteger(offset, 'offset', 0, Number.MAX_SAFE_INTEGER);
    checkInteger(count, 'count', 1, 20);
    return this.client.request<MaterialBatch>(ENDPOINTS.materialBatchGet, { body: { type, offset, count } });
  }
}

/** Checks format and size against `limit`; returns the multipart file to send. */
function checkedFile(file: MediaInput, limit: MediaLimit, what: string) {
  checkObject(file, 'file');
  checkString(file.fileName, 'file.fileName');
  if (!(file.data instanceof Uint8Array) && !(file.data instanceof Blob)) invalid('file.data', 'must be a Uint8Array, Buffer or Blob');
  const extension = /\.([A-Za-z0-9]+)$/.exec(file.fileName)?.[1]?.toLowerCase();
  const format = extension ?? (file.contentType ? FORMAT_BY_CONTENT_TYPE[file.contentType.toLowerCase()] : undefined);
  if (!format || !limit.formats.includes(format)) {
    invalid('file.fileName', `${what} must be one of ${limit.formats.join(', ')} (got ${format ?? 'no extension'})`);
  }
  const size = file.data instanceof Blob ? file.data.size : file.data.byteLength;
  if (size === 0) invalid('file.data', 'is empty');
  if (size > limit.maxBytes) invalid('file.data', `${what} must be at most ${formatBytes(limit.maxBytes)} (got ${formatBytes(size)})`);
  return { field: 'media', data: file.data, fileName: file.fileName, contentType: file.contentType ?? CONTENT_TYPE_BY_FORMAT[format] };
}

function formatBytes(bytes: number): string {
  if (bytes % 1024 !== 0) return `${bytes} bytes`;
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 / 1024).toFixed(2)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(2)} KiB`;
  return `${bytes} bytes`;
}
