// @Type needs the metadata polyfill (a peer dependency, loaded by every Nest app anyway).
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUrl, Matches, ValidateBy, ValidateIf, ValidateNested, type ValidationOptions } from 'class-validator';
import { MaxBytes } from '../dto/max-bytes.decorator.js';
import { uploadFileDto } from '../dto/upload-file.dto.js';

/** "图片文件，小于2M" (OCR and image processing pages). */
export const IMAGE_MAX_BYTES = 2 * 1024 * 1024 - 1;
export const IMAGE_FORMATS = ['jpeg', 'png', 'bmp'] as const;
/** addvoicetorecofortext: "文件格式（只支持mp3，16k，单声道，最大1M）". */
export const VOICE_MAX_BYTES = 1024 * 1024;
/** translatecontent: "源内容…不超过600Bytes". */
export const TRANSLATE_MAX_BYTES = 600;
export const VOICE_LANGS = ['zh_CN', 'en_US'] as const;
export type VoiceLang = (typeof VOICE_LANGS)[number];

export const ImageFileDto = uploadFileDto(IMAGE_MAX_BYTES, IMAGE_FORMATS);
export type ImageFileDto = InstanceType<typeof ImageFileDto>;
export const VoiceFileDto = uploadFileDto(VOICE_MAX_BYTES, ['mp3']);
export type VoiceFileDto = InstanceType<typeof VoiceFileDto>;

/** Set on `img_url`: the image comes either as a URL or as bytes in `img`, never both, never neither. */
function OneImageSource(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'oneImageSource',
      validator: {
        validate: (value: unknown, args) => (value === undefined) !== ((args?.object as { img?: unknown }).img === undefined),
        defaultMessage: (args) =>
          args?.value === undefined ? 'is required unless the image bytes are given in img' : 'must not be given together with img',
      },
    },
    options,
  );
}

/**
 * Input of every OCR API and of QR-code reading: `img_url` (WeChat downloads it) or `img`, the image bytes sent
 * as multipart (JPEG, PNG or BMP, under 2 MB).
 */
export class ImageInputDto {
  @ValidateIf((dto: ImageInputDto) => dto.img_url !== undefined || dto.img === undefined)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @OneImageSource() // checked first: decorators apply bottom-up
  img_url?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ImageFileDto)
  img?: ImageFileDto;
}

/** 图片智能裁剪: the image plus up to 5 width/height ratios ("1,2.35"). */
export class AiCropDto extends ImageInputDto {
  @IsOptional()
  @IsString()
  @Matches(/^\d+(\.\d+)?(,\d+(\.\d+)?){0,4}$/, { message: 'must be 1 to 5 ratios separated by commas, e.g. 1,2.35' })
  ratios?: string;
}

/** 提交语音 (addvoicetorecofortext): mp3, 16 kHz mono, at most 1 MB. */
export class AddVoiceDto {
  @IsIn(['mp3'])
  format!: 'mp3';

  /** "语音唯一标识". */
  @IsString()
  @Matches(/^[\w-]{1,64}$/, { message: 'must be 1 to 64 letters, digits, _ or -' })
  voice_id!: string;

  @IsOptional()
  @IsIn(VOICE_LANGS)
  lang?: VoiceLang;

  @ValidateNested()
  @Type(() => VoiceFileDto)
  media!: VoiceFileDto;
}

/** 获取语音识别结果 (queryrecoresultfortext). */
export class VoiceResultQueryDto {
  @IsString()
  @Matches(/^[\w-]{1,64}$/, { message: 'must be 1 to 64 letters, digits, _ or -' })
  voice_id!: string;

  @IsOptional()
  @IsIn(VOICE_LANGS)
  lang?: VoiceLang;
}

/** 微信翻译 (translatecontent): the text goes in the body, at most 600 bytes of UTF-8. */
export class TranslateDto {
  @IsIn(VOICE_LANGS)
  lfrom!: VoiceLang;

  @IsIn(VOICE_LANGS)
  lto!: VoiceLang;

  @IsString()
  @Matches(/\S/, { message: 'must not be empty' })
  @MaxBytes(TRANSLATE_MAX_BYTES)
  content!: string;
}
