// class-transformer's @Type reads design-time metadata: load the polyfill even outside a Nest app.
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
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/**
 * Users, tags, the blacklist and OpenID migration, in the documented wire shapes.
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html and its siblings.
 */
export const USER_LIMITS = {
  /** `user/info/batchget`: "最多支持一次拉取100条". */
  batchGet: 100,
  /** `batchtagging` / `batchuntagging`: "每次传入的openid列表个数不能超过50个". */
  tagMembers: 50,
  /** `batchblacklist` / `batchunblacklist`: "需要拉入黑名单的用户的openid，一次拉黑最多允许20个". */
  blacklist: 20,
  /** `changeopenid`: "需要转换的openid，这些必须是旧账号目前关注的才行，否则会出错；一次最多100个". */
  changeOpenid: 100,
  /** "标签名（30个字符以内）". */
  tagNameChars: 30,
  /** "新的备注名，长度必须小于30字". */
  remarkChars: 29,
} as const;

export const USER_LANGS = ['zh_CN', 'zh_TW', 'en'] as const;
export type UserLang = (typeof USER_LANGS)[number];

/** `GET /cgi-bin/user/info` (获取用户基本信息). */
export class UserInfoQueryDto {
  @IsString() @IsNotEmpty() openid!: string;
  @IsOptional() @IsIn(USER_LANGS) lang?: UserLang;
}

/** One entry of `user/info/batchget`. */
export class UserListItemDto {
  @IsString() @IsNotEmpty() openid!: string;
  @IsOptional() @IsIn(USER_LANGS) lang?: UserLang;
}

/** `POST /cgi-bin/user/info/batchget` (批量获取用户基本信息): 1–100 users. */
export class UserBatchGetDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(USER_LIMITS.batchGet) @ValidateNested({ each: true }) @Type(() => UserListItemDto)
  user_list!: UserListItemDto[];
}

/** `GET /cgi-bin/user/get` (获取用户列表): from the start, or after `next_openid`. */
export class UserListQueryDto {
  @IsOptional() @IsString() next_openid?: string;
}

/** `POST /cgi-bin/user/info/updateremark` (设置用户备注名): an empty remark clears it. */
export class UpdateRemarkDto {
  @IsString() @IsNotEmpty() openid!: string;
  @IsString() @MaxLength(USER_LIMITS.remarkChars, { message: 'must be shorter than 30 characters' }) remark!: string;
}

export class TagNameDto {
  @IsString() @IsNotEmpty() @MaxLength(USER_LIMITS.tagNameChars) name!: string;
}

export class TagIdNameDto extends TagNameDto {
  @IsInt() @Min(0) id!: number;
}

export class TagIdDto {
  @IsInt() @Min(0) id!: number;
}

/** `POST /cgi-bin/tags/create` (创建标签). */
export class TagCreateDto {
  @IsDefined() @ValidateNested() @Type(() => TagNameDto) tag!: TagNameDto;
}

/** `POST /cgi-bin/tags/update` (编辑标签). */
export class TagUpdateDto {
  @IsDefined() @ValidateNested() @Type(() => TagIdNameDto) tag!: TagIdNameDto;
}

/** `POST /cgi-bin/tags/delete` (删除标签). */
export class TagDeleteDto {
  @IsDefined() @ValidateNested() @Type(() => TagIdDto) tag!: TagIdDto;
}

/** `POST /cgi-bin/tags/members/batchtagging` / `batchuntagging` (批量为用户打/取消标签): 1–50 OpenIDs. */
export class TagMembersDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(USER_LIMITS.tagMembers) @IsString({ each: true }) @IsNotEmpty({ each: true })
  openid_list!: string[];

  @IsInt() @Min(0) tagid!: number;
}

/** `POST /cgi-bin/tags/getidlist` (获取用户身上的标签列表). */
export class UserTagsQueryDto {
  @IsString() @IsNotEmpty() openid!: string;
}

/** `POST /cgi-bin/user/tag/get` (获取标签下粉丝列表). */
export class TagUsersQueryDto {
  @IsInt() @Min(0) tagid!: number;
  @IsOptional() @IsString() next_openid?: string;
}

/** `POST /cgi-bin/tags/members/getblacklist` (获取黑名单列表): from the start, or after `begin_openid`. */
export class BlacklistQueryDto {
  @IsOptional() @IsString() begin_openid?: string;
}

/** `POST /cgi-bin/tags/members/batchblacklist` / `batchunblacklist` (拉黑/取消拉黑用户): 1–20 OpenIDs. */
export class BlacklistMembersDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(USER_LIMITS.blacklist) @IsString({ each: true }) @IsNotEmpty({ each: true })
  openid_list!: string[];
}

/** `POST /cgi-bin/changeopenid` (公众号迁移 openid 转换): the old account's AppID and 1–100 of its OpenIDs. */
export class ChangeOpenidDto {
  @IsString() @IsNotEmpty() from_appid!: string;

  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(USER_LIMITS.changeOpenid) @IsString({ each: true }) @IsNotEmpty({ each: true })
  openid_list!: string[];
}
