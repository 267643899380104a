import { Transform } from 'class-transformer';
import { IsDefined, IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min, ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';

/**
 * 客服管理 limits: "完整客服账号，格式为：账号前缀@公众号微信号，账号前缀最多10个字符，必须是英文、数字字符或者下划线，后缀为
 * 公众号微信号，长度不超过30个字符"; "客服昵称，最长16个字"; uploadheadimg "文件大小为5M 以内" (JPEG); getmsglist
 * "查询时间段不能超过24小时", "每次最多获取10000条记录".
 */
export const KF_LIMITS = {
  accountPattern: /^[A-Za-z0-9_]{1,10}@[A-Za-z0-9_-]{1,30}$/,
  maxNicknameChars: 16,
  maxHeadImageBytes: 5 * 1024 * 1024,
  headImageExtensions: ['jpg', 'jpeg'],
  maxRecordSpanSeconds: 86_400,
  maxRecordsPerPage: 10_000,
} as const;

const ACCOUNT_MESSAGE = 'must be prefix@account-wechat-id (a prefix of at most 10 letters, digits or _; an ID of at most 30 characters)';

/** A file to upload: `data` (bytes or a Blob) and its `fileName`. */
export interface KfUploadFile {
  data: Uint8Array | Blob;
  fileName: string;
  contentType?: string;
}

/** A JPEG (by name, type or leading bytes) of at most `maxBytes`: the head-image rule of `kfaccount/uploadheadimg`. */
function IsJpegUpload(maxBytes: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isJpegUpload',
      constraints: [maxBytes],
      validator: {
        validate(value: unknown) {
          if (!value || typeof value !== 'object') return false;
          const { data, fileName, contentType } = value as Partial<KfUploadFile>;
          const size = data instanceof Uint8Array ? data.byteLength : data instanceof Blob ? data.size : -1;
          if (size <= 0 || size > maxBytes || typeof fileName !== 'string') return false;
          if (data instanceof Uint8Array && !(data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff)) return false;
          const extension = fileName.split('.').pop()?.toLowerCase() ?? '';
          return (KF_LIMITS.headImageExtensions as readonly string[]).includes(extension) || contentType === 'image/jpeg';
        },
        defaultMessage: buildMessage(() => `$property must be a JPEG file ({ data, fileName }) of 1 to $constraint1 bytes`, options),
      },
    },
    options,
  );
}

/** `endtime` after `starttime` by at most `maxSeconds` (getmsglist's 24-hour window). */
function WithinSecondsAfter(field: string, maxSeconds: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'withinSecondsAfter',
      constraints: [field, maxSeconds],
      validator: {
        validate(value: unknown, args) {
          const start = (args?.object as Record<string, unknown> | undefined)?.[field];
          return typeof value === 'number' && typeof start === 'number' && value > start && value - start <= maxSeconds;
        },
        defaultMessage: buildMessage(() => `$property must be after $constraint1 by at most $constraint2 seconds`, options),
      },
    },
    options,
  );
}

/** A customer-service account named by `kf_account`: del, getsessionlist (query). */
export class KfAccountRefDto {
  @IsString()
  @Matches(KF_LIMITS.accountPattern, { message: ACCOUNT_MESSAGE })
  kf_account!: string;
}

/** `POST /customservice/kfaccount/add` and `/update` (添加/修改客服账号). */
export class KfAccountDto extends KfAccountRefDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(KF_LIMITS.maxNicknameChars)
  nickname!: string;
}

/** `POST /customservice/kfaccount/uploadheadimg?kf_account=…` (设置客服头像): multipart `media`, a JPEG up to 5 MB. */
export class KfHeadImageDto extends KfAccountRefDto {
  // keep the caller's bytes as they are (class-transformer would copy them)
  @Transform(({ obj }: { obj: Record<string, unknown> }) => obj.media, { toClassOnly: true })
  @IsDefined()
  @IsJpegUpload(KF_LIMITS.maxHeadImageBytes)
  media!: KfUploadFile;
}

/** `POST /customservice/kfaccount/inviteworker` (邀请绑定客服账号). */
export class KfInviteDto extends KfAccountRefDto {
  /** The worker's WeChat ID: 6–20 letters, digits, _ or -, starting with a letter. */
  @IsString()
  @Matches(/^[A-Za-z][\w-]{5,19}$/, { message: 'must be a WeChat ID (6 to 20 letters, digits, _ or -, starting with a letter)' })
  invite_wx!: string;
}

/** `POST /customservice/kfsession/create` and `/close` (创建/关闭会话). */
export class KfSessionDto extends KfAccountRefDto {
  @IsString()
  @IsNotEmpty()
  openid!: string;
}

/** `GET /customservice/kfsession/getsession?openid=…` (获取客户会话状态). */
export class KfOpenidDto {
  @IsString()
  @IsNotEmpty()
  openid!: string;
}

/** `POST /customservice/msgrecord/getmsglist` (获取聊天记录). */
export class KfMsgRecordQueryDto {
  /** Unix seconds. */
  @IsInt()
  @Min(0)
  starttime!: number;

  /** Unix seconds; at most 24 hours after `starttime`. */
  @IsInt()
  @WithinSecondsAfter('starttime', KF_LIMITS.maxRecordSpanSeconds)
  endtime!: number;

  /** The first record to return: 1 at first, then the `msgid` the previous page answered. */
  @IsInt()
  @Min(1)
  msgid!: number;

  @IsInt()
  @Min(1)
  @Max(KF_LIMITS.maxRecordsPerPage)
  number!: number;
}
