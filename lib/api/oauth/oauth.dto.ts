import { IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';

export const OAUTH_SCOPES = ['snsapi_base', 'snsapi_userinfo'] as const;
/** `snsapi_base`: silent, the openid only; `snsapi_userinfo`: the user agrees, nickname and avatar too. */
export type OAuthScope = (typeof OAUTH_SCOPES)[number];

export const OAUTH_LANGS = ['zh_CN', 'zh_TW', 'en'] as const;
export type OAuthLang = (typeof OAUTH_LANGS)[number];

/** `GET /sns/oauth2/access_token` (通过code换取网页授权access_token); the client adds `appid` and `secret`. */
export class OAuthCodeDto {
  @IsString()
  @IsNotEmpty()
  code!: string;

  @IsIn(['authorization_code'])
  grant_type!: 'authorization_code';
}

/** `GET /sns/oauth2/refresh_token` (刷新网页授权access_token). */
export class OAuthRefreshDto {
  @IsString()
  @IsNotEmpty()
  appid!: string;

  @IsIn(['refresh_token'])
  grant_type!: 'refresh_token';

  @IsString()
  @IsNotEmpty()
  refresh_token!: string;
}

/** `GET /sns/userinfo` (拉取用户信息): the OAuth access_token (not the account's) and the user's openid. */
export class OAuthUserInfoDto {
  @IsString()
  @IsNotEmpty()
  access_token!: string;

  @IsString()
  @IsNotEmpty()
  openid!: string;

  @IsOptional()
  @IsIn(OAUTH_LANGS)
  lang?: OAuthLang;
}

/** `GET /sns/auth` (检验授权凭证是否有效). */
export class OAuthCheckDto {
  @IsString()
  @IsNotEmpty()
  access_token!: string;

  @IsString()
  @IsNotEmpty()
  openid!: string;
}
