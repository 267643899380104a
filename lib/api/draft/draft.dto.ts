import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MaxBytes } from '../dto/max-bytes.decorator.js';
import { MaxChars } from '../dto/max-chars.decorator.js';

/**
 * The documented limits of 新建草稿 (draft/add): "标题，总长度不超过32个字", "作者，总长度不超过16个字",
 * "摘要，总长度不超过128个字", content "必须少于2万字符，小于1M", image messages (newspic) "最多20张图片";
 * at most 8 articles in one draft; list pages of 1 to 20.
 */
export const DRAFT_LIMITS = {
  articles: 8,
  title: 32,
  author: 16,
  digest: 128,
  contentChars: 19_999,
  contentBytes: 1024 * 1024 - 1,
  images: 20,
  pageSize: 20,
} as const;

export const ARTICLE_TYPES = ['news', 'newspic'] as const;
/** `news` 图文消息 (default), `newspic` 图片消息. */
export type ArticleType = (typeof ARTICLE_TYPES)[number];

/**
 * What can be checked locally of "必须是永久MediaID": a media_id is an opaque token of letters, digits, `-` and `_`.
 * The common mistakes (an image URL from uploadimg, a path) are refused here; whether the id is a permanent image
 * only WeChat knows (it answers 40007).
 */
const MEDIA_ID = /^[A-Za-z0-9_-]+$/;
const PERMANENT_IMAGE = { message: 'must be the media_id of a permanent image (material/add_material), not a URL' };
const CROP = /^\d+(\.\d+)?_\d+(\.\d+)?_\d+(\.\d+)?_\d+(\.\d+)?$/;

const isNewspic = (article: { article_type?: string }) => article.article_type === 'newspic';

/** One image of an image message (newspic). */
export class ArticleImageDto {
  @IsString()
  @Matches(MEDIA_ID, PERMANENT_IMAGE)
  image_media_id!: string;
}

/** `image_info` of an image message: the first image is the cover. */
export class ArticleImageInfoDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DRAFT_LIMITS.images)
  @ValidateNested({ each: true })
  @Type(() => ArticleImageDto)
  image_list!: ArticleImageDto[];
}

/** One crop of `cover_info.crop_percent_list`: the ratio and the crop corners as fractions of the image. */
export class CoverCropDto {
  @IsIn(['1_1', '16_9', '2.35_1'])
  ratio!: '1_1' | '16_9' | '2.35_1';

  @IsNumber() @Min(0) @Max(1) x1!: number;
  @IsNumber() @Min(0) @Max(1) y1!: number;
  @IsNumber() @Min(0) @Max(1) x2!: number;
  @IsNumber() @Min(0) @Max(1) y2!: number;
}

export class CoverInfoDto {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CoverCropDto)
  crop_percent_list!: CoverCropDto[];
}

export class FooterProductDto {
  /** From 获取商品卡片 (`getcardinfo`). */
  @IsString()
  @IsNotEmpty()
  product_key!: string;
}

export class ProductInfoDto {
  @ValidateNested()
  @Type(() => FooterProductDto)
  footer_product_info!: FooterProductDto;
}

/**
 * The text and comment fields every article shares, with the draft's limits: a draft article (`draft/add`) and the
 * older 图文消息素材 of a mass `mpnews` (`media/uploadnews`), which the draft box replaced.
 */
export class ArticleTextDto {
  @IsString()
  @IsNotEmpty()
  @MaxChars(DRAFT_LIMITS.title)
  title!: string;

  @IsOptional()
  @IsString()
  @MaxChars(DRAFT_LIMITS.author)
  author?: string;

  /** News only ("仅有单图文消息才有摘要，多图文此处为空"); WeChat takes the first 54 characters of the content when empty. */
  @IsOptional()
  @IsString()
  @MaxChars(DRAFT_LIMITS.digest)
  digest?: string;

  /** HTML for news (JS is stripped; images must come from uploadimg), plain text for newspic. */
  @IsString()
  @IsNotEmpty()
  @MaxChars(DRAFT_LIMITS.contentChars)
  @MaxBytes(DRAFT_LIMITS.contentBytes)
  content!: string;

  /** 阅读原文 URL. */
  @IsOptional()
  @IsString()
  content_source_url?: string;

  @IsOptional()
  @IsIn([0, 1])
  need_open_comment?: 0 | 1;

  @IsOptional()
  @IsIn([0, 1])
  only_fans_can_comment?: 0 | 1;
}

/** One article of a draft: a 图文消息 (`news`, needs `thumb_media_id`) or a 图片消息 (`newspic`, needs `image_info`). */
export class DraftArticleDto extends ArticleTextDto {
  @IsOptional()
  @IsIn(ARTICLE_TYPES)
  article_type?: ArticleType;

  /** Cover of a news article: a permanent image's media_id. */
  @ValidateIf((article: DraftArticleDto) => !isNewspic(article))
  @IsString()
  @IsNotEmpty()
  @Matches(MEDIA_ID, PERMANENT_IMAGE)
  thumb_media_id?: string;

  /** Cover crop for the 2.35:1 card, `X1_Y1_X2_Y2` as fractions (e.g. `0.1945_0_1_0.5236`). */
  @IsOptional()
  @Matches(CROP, { message: 'must be X1_Y1_X2_Y2 with coordinates between 0 and 1' })
  pic_crop_235_1?: string;

  @IsOptional()
  @Matches(CROP, { message: 'must be X1_Y1_X2_Y2 with coordinates between 0 and 1' })
  pic_crop_1_1?: string;

  /** The images of a newspic article (required there). */
  @ValidateIf((article: DraftArticleDto) => isNewspic(article) || article.image_info !== undefined)
  @IsDefined({ message: 'is required for an image message (article_type newspic)' })
  @ValidateNested()
  @Type(() => ArticleImageInfoDto)
  image_info?: ArticleImageInfoDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => CoverInfoDto)
  cover_info?: CoverInfoDto;

  /** A product card at the foot of the article (视频号小店). */
  @IsOptional()
  @ValidateNested()
  @Type(() => ProductInfoDto)
  product_info?: ProductInfoDto;
}

/** `POST /cgi-bin/draft/add` (新建草稿): 1 to 8 articles. */
export class DraftAddDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DRAFT_LIMITS.articles)
  @ValidateNested({ each: true })
  @Type(() => DraftArticleDto)
  articles!: DraftArticleDto[];
}

/** `draft/get`, `draft/delete`, `freepublish/submit`: one draft by its media_id. */
export class DraftMediaIdDto {
  @IsString()
  @IsNotEmpty()
  media_id!: string;
}

/** `POST /cgi-bin/draft/update` (修改草稿): replaces the article at `index` (0 = the first). */
export class DraftUpdateDto {
  @IsString()
  @IsNotEmpty()
  media_id!: string;

  @IsInt()
  @Min(0)
  @Max(DRAFT_LIMITS.articles - 1)
  index!: number;

  @ValidateNested()
  @Type(() => DraftArticleDto)
  articles!: DraftArticleDto;
}

/** A page of `draft/batchget` or `freepublish/batchget`: "返回素材的数量，取值在1到20之间". */
export class ArticlePageDto {
  @IsInt()
  @Min(0)
  offset!: number;

  @IsInt()
  @Min(1)
  @Max(DRAFT_LIMITS.pageSize)
  count!: number;

  /** 1: leave out the `content` field. */
  @IsOptional()
  @IsIn([0, 1])
  no_content?: 0 | 1;
}

/** `POST /cgi-bin/draft/switch` (草稿箱开关设置): `checkonly=1` only reads the state. */
export class DraftSwitchDto {
  @IsOptional()
  @IsIn([1])
  checkonly?: 1;
}

export const PRODUCT_CARD_TYPES = [0, 1, 2, 3] as const;
/** 大卡 0, 小卡 1, 文字链接 2, 条卡 3. */
export type ProductCardType = (typeof PRODUCT_CARD_TYPES)[number];

/** `POST /channels/ec/service/product/getcardinfo` (获取商品卡片). */
export class ProductCardDto {
  @IsString()
  @IsNotEmpty()
  product_id!: string;

  @IsIn(ARTICLE_TYPES)
  article_type!: ArticleType;

  @IsIn(PRODUCT_CARD_TYPES)
  card_type!: ProductCardType;
}
