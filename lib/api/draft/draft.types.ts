import type { ArticleImageInfoDto, ArticleType, DraftArticleDto } from './draft.dto.js';

/** An article as `draft/get`, `draft/batchget` and the freepublish reads return it. */
export interface DraftArticle {
  article_type?: ArticleType;
  title: string;
  author?: string;
  digest?: string;
  content?: string;
  content_source_url?: string;
  thumb_media_id?: string;
  /** The cover image's URL. */
  thumb_url?: string;
  need_open_comment?: 0 | 1;
  only_fans_can_comment?: 0 | 1;
  /** Temporary preview link of a draft; the article's link once published. */
  url: string;
  pic_crop_235_1?: string;
  pic_crop_1_1?: string;
  image_info?: { image_list: { image_media_id: string }[] };
  cover_info?: { crop_percent_list: { ratio: string; x1: number; y1: number; x2: number; y2: number }[] };
  product_info?: { footer_product_info: { product_key: string } };
}

/** Answer of `draft/add`. */
export interface DraftAddResult {
  media_id: string;
}

/** Answer of `draft/get`. */
export interface DraftGetResult {
  news_item: DraftArticle[];
}

/** Answer of `draft/count`. */
export interface DraftCountResult {
  total_count: number;
}

/** One draft of `draft/batchget`. */
export interface DraftListItem {
  media_id: string;
  /** Absent with `no_content: 1`. */
  content: { news_item: DraftArticle[] };
  /** Unix seconds. */
  update_time: number;
}

/** Answer of `draft/batchget`. */
export interface DraftBatch {
  total_count: number;
  item_count: number;
  item: DraftListItem[];
}

/** Answer of `draft/switch`: 1 once the draft box is open (it cannot be closed again). */
export interface DraftSwitchResult {
  is_open: 0 | 1;
}

/** Answer of `getcardinfo`: the product key (for `product_info`) and the card's DOM to put in the content. */
export interface ProductCard {
  product_key: string;
  DOM: string;
}

/** Options of a paged listing (`batchGet` / `iterate`). */
export interface ArticlePageOptions {
  /** Default 0. */
  offset?: number;
  /** 1 to 20; default 20. */
  count?: number;
  /** Leave out the articles' content. */
  noContent?: boolean;
}

type ArticleCommon = Omit<DraftArticleDto, 'article_type' | 'thumb_media_id' | 'image_info'>;

/** A 图文消息 (news): a permanent image as cover. */
export type NewsArticleInput = ArticleCommon & { article_type?: 'news'; thumb_media_id: string; image_info?: undefined };

/** A 图片消息 (newspic): 1 to 20 permanent images, the first is the cover; content is plain text. */
export type NewspicArticleInput = ArticleCommon & { article_type: 'newspic'; image_info: ArticleImageInfoDto; thumb_media_id?: string };

/** One article of `DraftService.add()` / `update()`: the type decides which fields are required. */
export type DraftArticleInput = NewsArticleInput | NewspicArticleInput;
