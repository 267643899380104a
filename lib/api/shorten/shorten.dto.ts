import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { MaxBytes } from '../dto/max-bytes.decorator.js';

/** 短key托管 limits: "需要转换的长信息，不超过4KB"; "过期秒数，最大值为2592000（即30天）"; "短key，15字节，base62编码". */
export const SHORTEN_LIMITS = {
  maxLongDataBytes: 4096,
  maxExpireSeconds: 2_592_000,
  shortKeyPattern: /^[0-9A-Za-z]{15}$/,
} as const;

/** `POST /cgi-bin/shorten/gen` (短key托管-生成). */
export class ShortenGenDto {
  @IsString()
  @IsNotEmpty()
  @MaxBytes(SHORTEN_LIMITS.maxLongDataBytes)
  long_data!: string;

  /** Default (and maximum) 2592000 s, 30 days. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(SHORTEN_LIMITS.maxExpireSeconds)
  expire_seconds?: number;
}

/** `POST /cgi-bin/shorten/fetch` (短key托管-还原). */
export class ShortenFetchDto {
  @IsString()
  @Matches(SHORTEN_LIMITS.shortKeyPattern, { message: 'must be a 15-character base62 short key' })
  short_key!: string;
}
