import { IsNotEmpty, IsString, Matches } from 'class-validator';

/** A rid as WeChat appends it to errmsg: `61725984-6126f6f9-040f19c4`. */
export const RID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;

/** `POST /cgi-bin/openapi/rid/get` (查询rid信息). */
export class RidQueryDto {
  @IsString()
  @Matches(RID_PATTERN, { message: 'must be a rid like 61725984-6126f6f9-040f19c4' })
  rid!: string;
}

/** `POST /cgi-bin/openapi/quota/clear` (重置指定API调用次数): the API path, e.g. `/cgi-bin/message/custom/send`. */
export class ApiQuotaClearDto {
  @IsString()
  @Matches(/^\/\S+$/, { message: 'must be an API path starting with /' })
  cgi_path!: string;
}

/** `POST /cgi-bin/clear_quota/v2?appid=…&appsecret=…` (使用AppSecret重置API调用次数): the service fills both in. */
export class ClearQuotaByAppSecretDto {
  @IsString()
  @IsNotEmpty()
  appid!: string;

  @IsString()
  @IsNotEmpty()
  appsecret!: string;
}
