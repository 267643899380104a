// class-transformer's @Type reads design-time metadata: load the polyfill even outside a Nest app.
import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { MEDIA_LIMITS, type MediaInput, type MediaLimit, type MediaType } from './material.types.js';

/**
 * Materials, in the documented wire shape. The multipart file field is `media`; its size and format are checked
 * against the documented limits of the upload's kind and type before anything is sent.
 * Temporary: https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/New_temporary_materials.html
 * Permanent: https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Adding_Permanent_Assets.html
 */

export const MEDIA_TYPES: readonly MediaType[] = ['image', 'voice', 'video', 'thumb'];
export const BATCH_GET_TYPES = ['image', 'video', 'voice', 'news'] as const;

/** Formats named by content type, for files whose name has no extension. */
export const FORMAT_BY_CONTENT_TYPE: Readonly<Record<string, string>> = {
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

/** The format of a file: its name's extension, else its content type. */
export function formatOf(file: { fileName?: unknown; contentType?: unknown }): string | undefined {
  const extension = typeof file.fileName === 'string' ? /\.([A-Za-z0-9]+)$/.exec(file.fileName)?.[1]?.toLowerCase() : undefined;
  return extension ?? (typeof file.contentType === 'string' ? FORMAT_BY_CONTENT_TYPE[file.contentType.toLowerCase()] : undefined);
}

function formatBytes(bytes: number): string {
  if (bytes % 1024 !== 0) return `${bytes} bytes`;
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 / 1024).toFixed(2)} MiB`;
  return `${+(bytes / 1024).toFixed(2)} KiB`;
}

const sizeOf = (data: unknown) => (data instanceof Blob ? data.size : data instanceof Uint8Array ? data.byteLength : -1);

/** The file of a multipart upload, checked against `limit` (`what` names the kind of upload in the message). */
function mediaFileDto(limit: MediaLimit, what: string) {
  class MediaFileDto {
    @IsString()
    @IsNotEmpty()
    @ValidateBy({
      name: 'mediaFormat',
      validator: {
        validate: (_: unknown, args?: ValidationArguments) => limit.formats.includes(formatOf(args?.object as object) ?? ''),
        defaultMessage: (args?: ValidationArguments) =>
          `${what} must be one of ${limit.formats.join(', ')} (got ${formatOf(args?.object as object) ?? 'no extension'})`,
      },
    })
    fileName!: string;

    /** Kept as given (a Buffer or Blob is not a plain object to transform). */
    @Transform(({ obj }) => (obj as { data?: unknown }).data)
    @ValidateBy({
      name: 'mediaSize',
      validator: {
        validate: (data: unknown) => sizeOf(data) > 0 && sizeOf(data) <= limit.maxBytes,
        defaultMessage: (args?: ValidationArguments) => {
          const size = sizeOf(args?.value);
          if (size < 0) return 'must be a Uint8Array, Buffer or Blob';
          if (size === 0) return 'is empty';
          return `${what} must be at most ${formatBytes(limit.maxBytes)} (got ${formatBytes(size)})`;
        },
      },
    })
    data!: Uint8Array | Blob;

    @IsOptional()
    @IsString()
    contentType?: string;
  }
  return MediaFileDto;
}

type FileDtos = Record<MediaType, ReturnType<typeof mediaFileDto>>;
const byType = (limits: Record<MediaType, MediaLimit>, kind: string) =>
  Object.fromEntries(MEDIA_TYPES.map((t) => [t, mediaFileDto(limits[t], `${t} (${kind})`)])) as FileDtos;
const TEMPORARY_FILES = byType(MEDIA_LIMITS.temporary, 'temporary');
const PERMANENT_FILES = byType(MEDIA_LIMITS.permanent, 'permanent');
const ARTICLE_IMAGE_FILE = mediaFileDto(MEDIA_LIMITS.articleImage, 'article image');
/** Used when the type is unknown: the type's own error is reported, the file is not judged. */
class AnyFileDto {
  @IsOptional() fileName?: unknown;
  @IsOptional() @Transform(({ obj }) => (obj as { data?: unknown }).data) data?: unknown;
  @IsOptional() contentType?: unknown;
}

/** The file's DTO for the upload's `type`, read from the parent object. */
const fileOf = (files: FileDtos) => (options?: { object?: Record<string, unknown> }) =>
  files[options?.object?.type as MediaType] ?? AnyFileDto;

/** The `media` field of an upload row: a file (see `MediaInput`). */
export type MediaFileInput = MediaInput;

/** `POST /cgi-bin/media/upload` (新增临时素材): `type` goes in the query, `media` is the file. */
export class MediaUploadDto {
  @IsDefined() @ValidateNested() @Type(fileOf(TEMPORARY_FILES))
  media!: MediaFileInput;

  @IsIn(MEDIA_TYPES)
  type!: MediaType;
}

/** `POST /cgi-bin/media/uploadimg` (上传图文消息内的图片): jpg/png under 1 MB. */
export class MediaUploadImgDto {
  @IsDefined() @ValidateNested() @Type(() => ARTICLE_IMAGE_FILE)
  media!: MediaFileInput;
}

/** A video's title and introduction (永久视频素材 needs them). */
export class VideoDescriptionDto {
  @IsString() @IsNotEmpty()
  title!: string;

  @IsOptional() @IsString()
  introduction?: string;
}

/** `POST /cgi-bin/material/add_material` (新增其他类型永久素材); a video also needs its `description`. */
export class MaterialAddDto {
  @IsDefined() @ValidateNested() @Type(fileOf(PERMANENT_FILES))
  media!: MediaFileInput;

  @IsIn(MEDIA_TYPES)
  type!: MediaType;

  @ValidateIf((o: MaterialAddDto) => o.type === 'video' || o.description !== undefined)
  @IsDefined({ message: 'is required for a video (its title and introduction)' })
  @ValidateNested()
  @Type(() => VideoDescriptionDto)
  description?: VideoDescriptionDto;
}

/** A `media_id` body or query (获取/删除永久素材, 获取临时素材). */
export class MediaIdDto {
  @IsString() @IsNotEmpty()
  media_id!: string;
}

/** `POST /cgi-bin/material/batchget_material` (获取素材列表): `count` 1–20 from `offset`. */
export class MaterialBatchGetDto {
  @IsIn(BATCH_GET_TYPES)
  type!: (typeof BATCH_GET_TYPES)[number];

  @IsInt() @Min(0)
  offset!: number;

  @IsInt() @Min(1) @Max(20)
  count!: number;
}
