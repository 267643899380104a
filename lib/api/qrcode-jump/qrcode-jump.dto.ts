import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';

/** "prefix_list … 最多传 200 个前缀"; "page_size … 最大为 200"; "debug_url … 至多 5 个". */
export const QRCODE_JUMP_LIMITS = {
  maxPrefixes: 200,
  maxPageSize: 200,
  maxDebugUrls: 5,
} as const;

/** 0: the latest 10000 rules; 1: by prefix (`prefix_list`); 2: paged (`page_num`, `page_size`). */
export const QRCODE_JUMP_GET_TYPES = [0, 1, 2] as const;
export type QrcodeJumpGetType = (typeof QRCODE_JUMP_GET_TYPES)[number];

/** `POST /cgi-bin/wxopen/qrcodejumpget` (获取已设置的二维码规则). */
export class QrcodeJumpGetDto {
  /** The mini program's AppID. */
  @IsString()
  @IsNotEmpty()
  appid!: string;

  @IsIn(QRCODE_JUMP_GET_TYPES)
  get_type!: QrcodeJumpGetType;

  /** Required with get_type 1. */
  @ValidateIf((o: QrcodeJumpGetDto) => o.get_type === 1 || o.prefix_list !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(QRCODE_JUMP_LIMITS.maxPrefixes)
  @IsString({ each: true })
  prefix_list?: string[];

  /** Required with get_type 2; from 1. */
  @ValidateIf((o: QrcodeJumpGetDto) => o.get_type === 2 || o.page_num !== undefined)
  @IsInt()
  @Min(1)
  page_num?: number;

  /** Required with get_type 2; at most 200. */
  @ValidateIf((o: QrcodeJumpGetDto) => o.get_type === 2 || o.page_size !== undefined)
  @IsInt()
  @Min(1)
  @Max(QRCODE_JUMP_LIMITS.maxPageSize)
  page_size?: number;
}

/** `POST /cgi-bin/wxopen/qrcodejumpadd` (增加或修改二维码规则). */
export class QrcodeJumpAddDto {
  /** The 服务号 QR code's URL (`http://weixin.qq.com/q/…`, the `url` of `qrcode/create`). */
  @IsString()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be the QR code URL (http://weixin.qq.com/q/…)' })
  prefix!: string;

  /** The mini program the code opens. */
  @IsString()
  @IsNotEmpty()
  appid!: string;

  /** The mini program page, e.g. `pages/index/index`. */
  @IsString()
  @IsNotEmpty()
  path!: string;

  /** 0 adds a rule, 1 edits one (a published rule cannot be edited). */
  @IsIn([0, 1])
  is_edit!: 0 | 1;

  /** 扫普通二维码 rules only: 1 develop, 2 trial, 3 release. */
  @IsOptional()
  @IsIn([1, 2, 3])
  open_version?: 1 | 2 | 3;

  /** 扫普通二维码 rules only: at most 5 test links matching the rule. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(QRCODE_JUMP_LIMITS.maxDebugUrls)
  @IsString({ each: true })
  debug_url?: string[];

  /** 扫普通二维码 rules only: 1 share, 2 own the sub-rules. */
  @IsOptional()
  @IsIn([1, 2])
  permit_sub_rule?: 1 | 2;
}

/** `POST /cgi-bin/wxopen/qrcodejumppublish` (发布已设置的二维码规则). */
export class QrcodeJumpPublishDto {
  @IsString()
  @IsNotEmpty()
  prefix!: string;
}

/** `POST /cgi-bin/wxopen/qrcodejumpdelete` (删除已设置的二维码规则). */
export class QrcodeJumpDeleteDto {
  @IsString()
  @IsNotEmpty()
  prefix!: string;

  @IsString()
  @IsNotEmpty()
  appid!: string;
}
