import { SetMetadata, UseGuards, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { WechatOAuthUser } from '../api/oauth/oauth.types.js';
import { REQUEST_KEYS, WECHAT_OAUTH_METADATA } from '../wechat-mp.constants.js';
import { WechatOAuthGuard } from './wechat-oauth.guard.js';
import type { WechatOAuthRouteOptions } from './wechat-oauth.options.js';

/**
 * Marks an H5 route (or every route of a controller) as needing a WeChat login (OAuth2 网页授权) and applies
 * `WechatOAuthGuard`. `@WechatOAuth({ scope: 'snsapi_userinfo' })` for the nickname and avatar.
 */
export function WechatOAuth(options: WechatOAuthRouteOptions = {}): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(WECHAT_OAUTH_METADATA, options), UseGuards(WechatOAuthGuard));
}

/** The signed-in visitor (`WechatOAuthUser`) of a `@WechatOAuth()` route. */
export const OAuthUser = createParamDecorator((_data: unknown, context: ExecutionContext): WechatOAuthUser | undefined => {
  const request = context.switchToHttp().getRequest<Record<string, unknown>>();
  return request[REQUEST_KEYS.oauthUser] as WechatOAuthUser | undefined;
});
