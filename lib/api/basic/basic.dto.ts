import { IsIn, IsNotEmpty, IsString, Matches } from 'class-validator';

export const CALLBACK_CHECK_ACTIONS = ['all', 'dns', 'ping'] as const;
export const CALLBACK_CHECK_OPERATORS = ['CHINANET', 'UNICOM', 'CAP', 'DEFAULT'] as const;
export type CallbackCheckAction = (typeof CALLBACK_CHECK_ACTIONS)[number];
export type CallbackCheckOperator = (typeof CALLBACK_CHECK_OPERATORS)[number];

/** `POST /cgi-bin/callback/check` (网络通信检测). */
export class CallbackCheckDto {
  @IsIn(CALLBACK_CHECK_ACTIONS)
  action!: CallbackCheckAction;

  @IsIn(CALLBACK_CHECK_OPERATORS)
  check_operator!: CallbackCheckOperator;
}

/** `POST /cgi-bin/openapi/quota/get` (查询API调用额度): the API path, e.g. `/cgi-bin/message/custom/send`. */
export class ApiQuotaQueryDto {
  @IsString()
  @Matches(/^\//, { message: 'must be an API path starting with /' })
  cgi_path!: string;
}

/** `POST /cgi-bin/clear_quota` (重置API调用次数): the account's own AppID. */
export class ClearQuotaDto {
  @IsString()
  @IsNotEmpty()
  appid!: string;
}
