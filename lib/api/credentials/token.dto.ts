import { Equals, IsBoolean, IsNotEmpty, IsOptional, IsString } from 'class-validator';

/** `GET /cgi-bin/token` (获取接口调用凭据): the query. */
export class ClassicTokenQueryDto {
  @Equals('client_credential')
  grant_type!: 'client_credential';

  @IsString()
  @IsNotEmpty()
  appid!: string;

  @IsString()
  @IsNotEmpty()
  secret!: string;
}

/** `POST /cgi-bin/stable_token` (获取稳定版接口调用凭据): the body. */
export class StableTokenDto extends ClassicTokenQueryDto {
  /** true replaces the token for everyone (20 a day, 30 s apart). */
  @IsOptional()
  @IsBoolean()
  force_refresh?: boolean;
}

/** Answer of both token endpoints. */
export interface AccessTokenAnswer {
  access_token: string;
  expires_in: number;
}
