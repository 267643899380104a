import type { DownloadedFile } from '../api-files.js';

const KiB = 1024;
const MiB = 1024 * KiB;

export type MediaType = 'image' | 'voice' | 'video' | 'thumb';

export interface MediaLimit {
  maxBytes: number;
  /** Accepted formats, as file extensions. */
  formats: readonly string[];
}

/**
 * Size and format limits, checked before uploading (voice length, ≤ 60 s, is left to WeChat).
 * Temporary: https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/New_temporary_materials.html
 * Permanent and article images: https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Adding_Permanent_Assets.html
 */
export const MEDIA_LIMITS = {
  temporary: {
    image: { maxBytes: 10 * MiB, formats: ['png', 'jpeg', 'jpg', 'gif'] },
    voice: { maxBytes: 2 * MiB, formats: ['amr', 'mp3'] },
    video: { maxBytes: 10 * MiB, formats: ['mp4'] },
    thumb: { maxBytes: 64 * KiB, formats: ['jpg', 'jpeg'] },
  },
  permanent: {
    image: { maxBytes: 10 * MiB, formats: ['bmp', 'png', 'jpeg', 'jpg', 'gif'] },
    voice: { maxBytes: 2 * MiB, formats: ['mp3', 'wma', 'wav', 'amr'] },
    video: { maxBytes: 10 * MiB, formats: ['mp4'] },
    thumb: { maxBytes: 64 * KiB, formats: ['jpg', 'jpeg'] },
  },
  /** `media/uploadimg`: images inside article bodies, "大小必须在1MB以下"; counts against no library limit. */
  articleImage: { maxBytes: 1 * MiB - 1, formats: ['jpg', 'jpeg', 'png'] },
} as const satisfies {
  temporary: Record<MediaType, MediaLimit>;
  permanent: Record<MediaType, MediaLimit>;
  articleImage: MediaLimit;
};

/** A file to upload. The format is read from `fileName`'s extension, else from `contentType`. */
export interface MediaInput {
  data: Uint8Array | Blob;
  fileName: string;
  contentType?: string;
}

/** WeChat's answer of `media/upload`: a thumb upload answers `thumb_media_id` in place of `media_id`. */
export interface TemporaryMediaUploaded {
  type?: MediaType;
  media_id?: string;
  thumb_media_id?: string;
  created_at: number;
}

/** Answer of `media/upload` (a thumb's `thumb_media_id` is returned as `media_id`). */
export interface TemporaryMedia {
  type: MediaType;
  media_id: string;
  /** Unix seconds. */
  created_at: number;
}

/** A temporary media: the file, or for videos the URL WeChat answers with. */
export type TemporaryMediaContent = { kind: 'file'; file: DownloadedFile } | { kind: 'video'; video_url: string };

/** Answer of `material/add_material`; `url` for images. */
export interface PermanentMaterialAdded {
  media_id: string;
  url?: string;
}

export interface NewsItem {
  title: string;
  thumb_media_id: string;
  show_cover_pic?: number;
  author?: string;
  digest?: string;
  content: string;
  url: string;
  content_source_url?: string;
}

/** A permanent material: the file (image, voice, thumb), a video's metadata, or a news material's articles. */
export type PermanentMaterial =
  | { kind: 'file'; file: DownloadedFile }
  | { kind: 'video'; title: string; description: string; down_url: string }
  | { kind: 'news'; news_item: NewsItem[] };

/** Answer of `material/get_materialcount`. */
export interface MaterialCount {
  voice_count: number;
  video_count: number;
  image_count: number;
  news_count: number;
}

export type BatchGetType = 'image' | 'video' | 'voice' | 'news';

/** Answer of `material/batchget_material`. */
export interface MaterialBatch {
  total_count: number;
  item_count: number;
  item: {
    media_id: string;
    name?: string;
    update_time: number;
    url?: string;
    content?: { news_item: NewsItem[] };
  }[];
}
