import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { MaxChars } from '../dto/max-chars.decorator.js';
import { ArticleTextDto, DRAFT_LIMITS } from '../draft/draft.dto.js';

const MEDIA_ID = /^[A-Za-z0-9_-]+$/;

/** One article of `media/uploadnews` (the old 图文消息素材 for a mass `mpnews`), with the draft's limits. */
export class MassNewsArticleDto extends ArticleTextDto {
  /** A thumb or image media_id (temporary `media/upload` type thumb, or permanent). */
  @IsString()
  @Matches(MEDIA_ID, { message: 'must be a media_id, not a URL' })
  thumb_media_id!: string;

  @IsOptional()
  @IsIn([0, 1])
  show_cover_pic?: 0 | 1;
}

/** `POST /cgi-bin/media/uploadnews` (上传图文消息素材): 1 to 8 articles. */
export class MassNewsUploadDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DRAFT_LIMITS.articles)
  @ValidateNested({ each: true })
  @Type(() => MassNewsArticleDto)
  articles!: MassNewsArticleDto[];
}

/** `POST /cgi-bin/media/uploadvideo` (上传群发视频): turns an uploaded video into the media_id of a mass `mpvideo`. */
export class MassVideoUploadDto {
  /** The video's media_id from `media/upload` (type video) or a permanent video. */
  @IsString()
  @Matches(MEDIA_ID, { message: 'must be a media_id, not a URL' })
  media_id!: string;

  @IsOptional()
  @IsString()
  @MaxChars(DRAFT_LIMITS.title)
  title?: string;

  @IsOptional()
  @IsString()
  @MaxChars(DRAFT_LIMITS.digest)
  description?: string;
}

export const MASS_SPEEDS = [0, 1, 2, 3, 4] as const;
/** 0: 80万/分钟, 1: 60万/分钟, 2: 45万/分钟, 3: 30万/分钟, 4: 10万/分钟. */
export type MassSpeed = (typeof MASS_SPEEDS)[number];

/** `POST /cgi-bin/message/mass/speed/set` (设置群发速度). */
export class MassSpeedDto {
  @IsIn(MASS_SPEEDS)
  speed!: MassSpeed;
}
