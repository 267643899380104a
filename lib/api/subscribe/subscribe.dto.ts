import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MaxBytes } from '../dto/max-bytes.decorator.js';
import { MaxChars } from '../dto/max-chars.decorator.js';
import { IsSubscribeData } from './subscribe-data.validator.js';

/**
 * Documented limits: addtemplate "最多支持5个，最少2个关键词组合", "服务场景描述，15个字以内"; getpubtemplatetitles
 * "limit 用于分页，表示拉取 limit 条记录，最大为 30"; the one-time subscribe message: scene 0 to 10000,
 * "reserved … 最长128字节", title "15字以内", content "200字以内".
 */
export const SUBSCRIBE_LIMITS = {
  minKeywords: 2,
  maxKeywords: 5,
  sceneDesc: 15,
  titlesPageSize: 30,
  oneTimeScene: 10_000,
  reservedBytes: 128,
  oneTimeTitle: 15,
  oneTimeContent: 200,
} as const;

const SCENE = /^(\d{1,4}|10000)$/;

/** A mini program to open from the notification. */
export class SubscribeMiniprogramDto {
  @IsString()
  @IsNotEmpty()
  appid!: string;

  @IsOptional()
  @IsString()
  pagepath?: string;
}

/** `POST /cgi-bin/message/subscribe/bizsend` (发送订阅通知). */
export class SubscribeSendDto {
  @IsString()
  @IsNotEmpty()
  touser!: string;

  /** priTmplId from `addtemplate` / `gettemplate`. */
  @IsString()
  @IsNotEmpty()
  template_id!: string;

  /** A web page to open (the mini program wins when both are set). */
  @IsOptional()
  @IsString()
  page?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => SubscribeMiniprogramDto)
  miniprogram?: SubscribeMiniprogramDto;

  /** `{ thing1: { value: '…' }, time2: { value: '2024-01-01 12:00' } }`. */
  @IsSubscribeData()
  data!: Record<string, { value: string | number }>;

  @IsOptional()
  @IsIn(['developer', 'trial', 'formal'])
  miniprogram_state?: 'developer' | 'trial' | 'formal';

  @IsOptional()
  @IsIn(['zh_CN', 'en_US', 'zh_HK', 'zh_TW'])
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}

/** `POST /wxaapi/newtmpl/addtemplate` (选用模板). */
export class SubscribeTemplateAddDto {
  /** 模板标题 id from `getpubtemplatetitles`. */
  @IsString()
  @Matches(/^\d+$/, { message: 'must be a template title id (digits)' })
  tid!: string;

  @IsArray()
  @ArrayMinSize(SUBSCRIBE_LIMITS.minKeywords)
  @ArrayMaxSize(SUBSCRIBE_LIMITS.maxKeywords)
  @IsInt({ each: true })
  kidList!: number[];

  @IsOptional()
  @IsString()
  @MaxChars(SUBSCRIBE_LIMITS.sceneDesc)
  sceneDesc?: string;
}

/** `POST /wxaapi/newtmpl/deltemplate` (删除模板). */
export class SubscribeTemplateIdDto {
  @IsString()
  @IsNotEmpty()
  priTmplId!: string;
}

/** `GET /wxaapi/newtmpl/getpubtemplatekeywords` (获取模板中的关键词). */
export class PubTemplateKeywordsDto {
  @IsString()
  @Matches(/^\d+$/, { message: 'must be a template title id (digits)' })
  tid!: string;
}

/** `GET /wxaapi/newtmpl/getpubtemplatetitles` (获取类目下的公共模板): `ids` are category ids joined by commas. */
export class PubTemplateTitlesDto {
  @IsString()
  @Matches(/^\d+(,\d+)*$/, { message: 'must be category ids joined by commas' })
  ids!: string;

  @IsInt()
  @Min(0)
  start!: number;

  @IsInt()
  @Min(1)
  @Max(SUBSCRIBE_LIMITS.titlesPageSize)
  limit!: number;
}

export class OneTimeValueDto {
  @IsString()
  @MaxChars(SUBSCRIBE_LIMITS.oneTimeContent)
  value!: string;

  @IsOptional()
  @Matches(/^#[0-9A-Fa-f]{6}$/, { message: 'must be a colour like #173177' })
  color?: string;
}

export class OneTimeDataDto {
  @ValidateNested()
  @Type(() => OneTimeValueDto)
  content!: OneTimeValueDto;
}

/** `POST /cgi-bin/message/template/subscribe` (发送一次性订阅消息). */
export class OneTimeSubscribeSendDto {
  @IsString()
  @IsNotEmpty()
  touser!: string;

  @IsString()
  @IsNotEmpty()
  template_id!: string;

  @IsOptional()
  @IsString()
  url?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => SubscribeMiniprogramDto)
  miniprogram?: SubscribeMiniprogramDto;

  /** The scene the user confirmed on the authorize page (0 to 10000). */
  @IsString()
  @Matches(SCENE, { message: 'must be a whole number from 0 to 10000' })
  scene!: string;

  @IsString()
  @IsNotEmpty()
  @MaxChars(SUBSCRIBE_LIMITS.oneTimeTitle)
  title!: string;

  @ValidateNested()
  @Type(() => OneTimeDataDto)
  data!: OneTimeDataDto;
}

/** The one-time subscribe authorize page (`mp/subscribemsg?action=get_confirm`): a URL builder, not an API call. */
export class OneTimeAuthorizeDto {
  @IsString()
  @IsNotEmpty()
  template_id!: string;

  @IsInt()
  @Min(0)
  @Max(SUBSCRIBE_LIMITS.oneTimeScene)
  scene!: number;

  /** Where WeChat sends the user back, with openid, template_id, action (confirm/cancel), scene and reserved. */
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  redirect_url!: string;

  /** Echoed back unchanged, e.g. a CSRF state. */
  @IsOptional()
  @IsString()
  @MaxBytes(SUBSCRIBE_LIMITS.reservedBytes)
  @Matches(/^[A-Za-z0-9_\-.~]*$/, { message: 'must use letters, digits and -_.~ only' })
  reserved?: string;
}
