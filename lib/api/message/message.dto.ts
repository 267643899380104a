// class-transformer's @Type reads design-time metadata: load the polyfill even outside a Nest app.
import 'reflect-metadata';
import { Transform, Type, plainToInstance } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsNumericId } from '../dto/is-numeric-id.decorator.js';
import { MaxBytes } from '../dto/max-bytes.decorator.js';

/**
 * Messages the account sends, in the documented wire shapes.
 * Customer service: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 * Templates: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
 * Mass sends: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
 */

/** Mass-send limits (docs: OpenIDs 2–10000 per send, clientmsgid ≤ 64 bytes, up to 20 images). */
export const MASS_LIMITS = { openIds: { min: 2, max: 10_000 }, clientMsgIdBytes: 64, images: 20 } as const;

/** `msgtype` is the key of the content: `{ msgtype: 'text', text: {…} }`. */
const hasType = (type: string) => (o: { msgtype?: unknown }) => o.msgtype === type;

// ---------------------------------------------------------------- customer service

export class TextContentDto {
  @IsString() @IsNotEmpty() content!: string;
}
export class MediaContentDto {
  @IsString() @IsNotEmpty() media_id!: string;
}
export class CustomVideoDto extends MediaContentDto {
  @IsString() @IsNotEmpty() thumb_media_id!: string;
  @IsOptional() @IsString() title?: string;
  @IsOptional() @IsString() description?: string;
}
export class CustomMusicDto {
  @IsOptional() @IsString() title?: string;
  @IsOptional() @IsString() description?: string;
  @IsString() @IsNotEmpty() musicurl!: string;
  @IsString() @IsNotEmpty() hqmusicurl!: string;
  @IsString() @IsNotEmpty() thumb_media_id!: string;
}
export class CustomArticleDto {
  @IsString() @IsNotEmpty() title!: string;
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsString() url?: string;
  @IsOptional() @IsString() picurl?: string;
}
export class CustomNewsDto {
  /** "图文消息条数限制在1条以内". */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1) @ValidateNested({ each: true }) @Type(() => CustomArticleDto)
  articles!: CustomArticleDto[];
}
export class CustomArticleIdDto {
  @IsString() @IsNotEmpty() article_id!: string;
}
export class CustomMenuItemDto {
  @IsString() @IsNotEmpty() id!: string;
  @IsString() @IsNotEmpty() content!: string;
}
export class CustomMsgMenuDto {
  @IsOptional() @IsString() head_content?: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => CustomMenuItemDto)
  list!: CustomMenuItemDto[];
  @IsOptional() @IsString() tail_content?: string;
}
export class CardContentDto {
  @IsString() @IsNotEmpty() card_id!: string;
}
export class CustomMiniprogramPageDto {
  @IsString() title!: string;
  @IsString() @IsNotEmpty() appid!: string;
  @IsString() @IsNotEmpty() pagepath!: string;
  @IsString() @IsNotEmpty() thumb_media_id!: string;
}
export class CustomServiceAccountDto {
  @IsString() @IsNotEmpty() kf_account!: string;
}

export const CUSTOM_MESSAGE_TYPES = [
  'text', 'image', 'voice', 'video', 'music', 'news', 'mpnews', 'mpnewsarticle', 'msgmenu', 'wxcard', 'miniprogrampage',
] as const;

/** `POST /cgi-bin/message/custom/send` (发送客服消息). */
export class CustomSendDto {
  @IsString() @IsNotEmpty() touser!: string;
  @IsIn(CUSTOM_MESSAGE_TYPES) msgtype!: (typeof CUSTOM_MESSAGE_TYPES)[number];

  @ValidateIf(hasType('text')) @IsDefined() @ValidateNested() @Type(() => TextContentDto) text?: TextContentDto;
  @ValidateIf(hasType('image')) @IsDefined() @ValidateNested() @Type(() => MediaContentDto) image?: MediaContentDto;
  @ValidateIf(hasType('voice')) @IsDefined() @ValidateNested() @Type(() => MediaContentDto) voice?: MediaContentDto;
  @ValidateIf(hasType('video')) @IsDefined() @ValidateNested() @Type(() => CustomVideoDto) video?: CustomVideoDto;
  @ValidateIf(hasType('music')) @IsDefined() @ValidateNested() @Type(() => CustomMusicDto) music?: CustomMusicDto;
  @ValidateIf(hasType('news')) @IsDefined() @ValidateNested() @Type(() => CustomNewsDto) news?: CustomNewsDto;
  @ValidateIf(hasType('mpnews')) @IsDefined() @ValidateNested() @Type(() => MediaContentDto) mpnews?: MediaContentDto;
  @ValidateIf(hasType('mpnewsarticle')) @IsDefined() @ValidateNested() @Type(() => CustomArticleIdDto)
  mpnewsarticle?: CustomArticleIdDto;
  @ValidateIf(hasType('msgmenu')) @IsDefined() @ValidateNested() @Type(() => CustomMsgMenuDto) msgmenu?: CustomMsgMenuDto;
  @ValidateIf(hasType('wxcard')) @IsDefined() @ValidateNested() @Type(() => CardContentDto) wxcard?: CardContentDto;
  @ValidateIf(hasType('miniprogrampage')) @IsDefined() @ValidateNested() @Type(() => CustomMiniprogramPageDto)
  miniprogrampage?: CustomMiniprogramPageDto;

  /** Sends as that customer-service account (`name@account`). */
  @IsOptional() @ValidateNested() @Type(() => CustomServiceAccountDto) customservice?: CustomServiceAccountDto;
}

/** `POST /cgi-bin/message/custom/typing` (客服输入状态). */
export class CustomTypingDto {
  @IsString() @IsNotEmpty() touser!: string;
  @IsIn(['Typing', 'CancelTyping']) command!: 'Typing' | 'CancelTyping';
}

// ---------------------------------------------------------------- templates

export class TemplateMiniprogramDto {
  @IsString() @IsNotEmpty() appid!: string;
  @IsOptional() @IsString() pagepath?: string;
}

export class TemplateDataItemDto {
  @IsString() value!: string;
  @IsOptional() @IsString() color?: string;
}

/** `{ thing1: { value } }` as a Map of DTOs, so each entry is checked and named (`data.thing1.value`). */
function toDataMap({ obj }: { obj: Record<string, unknown> }): unknown {
  const data = obj.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  return new Map(Object.entries(data).map(([key, item]) => [key, plainToInstance(TemplateDataItemDto, item)]));
}

/** `POST /cgi-bin/message/template/send` (发送模板消息). */
export class TemplateSendDto {
  @IsString() @IsNotEmpty() touser!: string;
  @IsString() @IsNotEmpty() template_id!: string;
  /** Opened on tap (ignored when `miniprogram` opens and the client supports it). */
  @IsOptional() @IsString() url?: string;
  @IsOptional() @ValidateNested() @Type(() => TemplateMiniprogramDto) miniprogram?: TemplateMiniprogramDto;
  @IsObject() @Transform(toDataMap) @ValidateNested({ each: true })
  data!: Record<string, TemplateDataItemDto>;
  /** Dedupe id: for one OpenID and one `client_msg_id` WeChat sends one message (within 10 minutes). */
  @IsOptional() @IsString() @IsNotEmpty() client_msg_id?: string;
}

/** `POST /cgi-bin/template/api_set_industry` (设置所属行业): industry codes, e.g. `"1"` (互联网/电子商务). */
export class SetIndustryDto {
  @IsString() @Matches(/^\d+$/, { message: 'must be an industry code (digits)' }) industry_id1!: string;
  @IsString() @Matches(/^\d+$/, { message: 'must be an industry code (digits)' }) industry_id2!: string;
}

/** `POST /cgi-bin/template/api_add_template` (获得模板ID). */
export class AddTemplateDto {
  @IsString() @IsNotEmpty() template_id_short!: string;
  @IsOptional() @IsArray() @ArrayMinSize(1) @IsString({ each: true }) @IsNotEmpty({ each: true })
  keyword_name_list?: string[];
}

/** `POST /cgi-bin/template/del_private_template` (删除模板). */
export class TemplateIdDto {
  @IsString() @IsNotEmpty() template_id!: string;
}

// ---------------------------------------------------------------- mass sends

export class MassImagesDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MASS_LIMITS.images) @IsString({ each: true }) @IsNotEmpty({ each: true })
  media_ids!: string[];
  @IsOptional() @IsString() recommend?: string;
  @IsOptional() @IsIn([0, 1]) need_open_comment?: 0 | 1;
  @IsOptional() @IsIn([0, 1]) only_fans_can_comment?: 0 | 1;
}

/** The content of every mass message: `msgtype` and the field of that name. */
abstract class MassContentDto {
  @IsIn(['text', 'voice', 'image', 'mpnews', 'mpvideo', 'wxcard']) msgtype!: string;
  @ValidateIf(hasType('text')) @IsDefined() @ValidateNested() @Type(() => TextContentDto) text?: TextContentDto;
  @ValidateIf(hasType('voice')) @IsDefined() @ValidateNested() @Type(() => MediaContentDto) voice?: MediaContentDto;
  @ValidateIf(hasType('mpnews')) @IsDefined() @ValidateNested() @Type(() => MediaContentDto) mpnews?: MediaContentDto;
  @ValidateIf(hasType('mpvideo')) @IsDefined() @ValidateNested() @Type(() => MediaContentDto) mpvideo?: MediaContentDto;
  @ValidateIf(hasType('wxcard')) @IsDefined() @ValidateNested() @Type(() => CardContentDto) wxcard?: CardContentDto;
}

/** Sends carry images as `images.media_ids`, a dedupe id and the reprint choice. */
abstract class MassSendContentDto extends MassContentDto {
  @ValidateIf(hasType('image')) @IsDefined() @ValidateNested() @Type(() => MassImagesDto) images?: MassImagesDto;
  /** For mpnews judged a reprint: 1 sends anyway (when the original allows it). */
  @IsOptional() @IsIn([0, 1]) send_ignore_reprint?: 0 | 1;
  /** Dedupe id: WeChat refuses a second mass send with the same id within 24 h (45065). */
  @IsOptional() @IsString() @IsNotEmpty() @MaxBytes(MASS_LIMITS.clientMsgIdBytes) clientmsgid?: string;
}

export class MassFilterDto {
  @IsBoolean() is_to_all!: boolean;
  @ValidateIf((o: MassFilterDto) => o.is_to_all === false || o.tag_id !== undefined) @IsInt() @Min(0) tag_id?: number;
}

/** `POST /cgi-bin/message/mass/sendall` (根据标签进行群发): to everyone, or to a tag. */
export class MassSendAllDto extends MassSendContentDto {
  @IsDefined() @ValidateNested() @Type(() => MassFilterDto) filter!: MassFilterDto;
}

/** `POST /cgi-bin/message/mass/send` (根据OpenID列表群发): 2–10000 OpenIDs. */
export class MassSendDto extends MassSendContentDto {
  @IsArray() @ArrayMinSize(MASS_LIMITS.openIds.min) @ArrayMaxSize(MASS_LIMITS.openIds.max) @IsString({ each: true }) @IsNotEmpty({ each: true })
  touser!: string[];
}

/** `POST /cgi-bin/message/mass/preview` (预览接口): to one OpenID or WeChat ID; one image as `image.media_id`. */
export class MassPreviewDto extends MassContentDto {
  @ValidateIf((o: MassPreviewDto) => o.towxname === undefined) @IsString() @IsNotEmpty() touser?: string;
  @IsOptional() @IsString() @IsNotEmpty() towxname?: string;
  @ValidateIf(hasType('image')) @IsDefined() @ValidateNested() @Type(() => MediaContentDto) image?: MediaContentDto;
}

/** `POST /cgi-bin/message/mass/delete` (删除群发): `article_idx` 1-based; 0 or none deletes every article. */
export class MassDeleteDto {
  @IsNumericId() msg_id!: number | string;
  @IsOptional() @IsInt() @Min(0) @Max(8) article_idx?: number;
  @IsOptional() @IsString() url?: string;
}

/** `POST /cgi-bin/message/mass/get` (查询群发消息发送状态). */
export class MassGetDto {
  @IsNumericId() msg_id!: number | string;
}
