import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import axios from 'axios';
import { ApplicationConfig, DiscoveryModule, HttpAdapterHost } from '@nestjs/core';
import { ACCOUNT_SERVICES } from './api/account-services.js';
import { TicketService } from './api/jssdk/ticket.service.js';
import { TokenService } from './api/token.service.js';
import { WechatApiClient } from './api/wechat-api.client.js';
import { WechatServices, type WechatAccountServices } from './api/wechat-services.js';
import { WechatHandlerRegistry } from './handlers/wechat-handler.registry.js';
import { WECHAT_HANDLER_EXPORTS, WECHAT_HANDLER_PROVIDERS } from './handlers/wechat-handler.providers.js';
import { createCallbackController } from './http/callback-controller.factory.js';
import { WechatRawBodyCapture } from './http/raw-body.capture.js';
import { WechatSignatureGuard } from './http/signature.guard.js';
import { WechatInboundService } from './http/wechat-inbound.service.js';
import { WechatXmlInterceptor } from './http/xml-body.interceptor.js';
import { WechatInboundPipeline } from './inbound/inbound.pipeline.js';
import { WechatLateReplySender } from './inbound/late-reply.sender.js';
import { CookieOAuthSessionStore } from './oauth/oauth-session.store.js';
import { WechatOAuthGuard } from './oauth/wechat-oauth.guard.js';
import { MemoryDedupeStore } from './stores/memory-dedupe.store.js';
import { MemoryTokenStore } from './stores/memory-token.store.js';
import type { DedupeStore } from './stores/dedupe-store.interface.js';
import type { TokenStore } from './stores/token-store.interface.js';
import { WechatAccounts } from './wechat-accounts.js';
import { WechatMpIntroduction } from './wechat-mp.introduction.js';
import {
  WECHAT_MP_ASYNC_OPTIONS_TYPE,
  WECHAT_MP_MODULE_OPTIONS,
  WECHAT_MP_OPTIONS_TYPE,
  WechatMpConfigurableModule,
} from './wechat-mp.module-definition.js';
import {
  DEFAULTS,
  WECHAT_API_CLIENT_OPTIONS,
  WECHAT_HTTP_CLIENT,
  WECHAT_DEDUPE_STORE,
  WECHAT_OAUTH_OPTIONS,
  WECHAT_OAUTH_SESSION_STORE,
  WECHAT_TOKEN_STORE,
} from './wechat-mp.constants.js';
import type { WechatMpModuleExtras, WechatMpModuleOptions } from './wechat-mp.options.js';
import { resolveAccounts } from './wechat-mp.options-resolver.js';

const RAW_BODY_PATH = Symbol('wechat-mp:callback-path');

/** The default account's API, injectable one by one; other accounts via `WechatServices.forAccount()`. */
const DEFAULT_ACCOUNT_SERVICES: [new (...args: never[]) => unknown, keyof WechatAccountServices][] = [
  [WechatApiClient, 'client'],
  [TokenService, 'token'],
  [TicketService, 'tickets'],
  ...Object.entries(ACCOUNT_SERVICES).map(
    ([name, Service]) => [Service, name as keyof WechatAccountServices] as [new (...args: never[]) => unknown, keyof WechatAccountServices],
  ),
];

/**
 * The WeChat Official Account module.
 *
 * ```ts
 * WechatMpModule.forRoot({ appId, appSecret, token, encodingAESKey })
 * WechatMpModule.forRootAsync({ imports: [ConfigModule], inject: [ConfigService], useFactory: (c) => ({ ... }) })
 * ```
 */
@Module({})
export class WechatMpModule extends WechatMpConfigurableModule {
  static override forRoot(options: typeof WECHAT_MP_OPTIONS_TYPE): DynamicModule {
    return complete(super.forRoot(options), options);
  }

  static override forRootAsync(options: typeof WECHAT_MP_ASYNC_OPTIONS_TYPE): DynamicModule {
    return complete(super.forRootAsync(options), options);
  }
}

/**
 * Whether `/<path>/:account` is mapped: only with several accounts. `forRoot` knows; `forRootAsync` learns the
 * accounts later, so it maps the route and answers it like an unmapped one (404) when there is one account.
 */
function accountRoutesOf(extras: WechatMpModuleExtras & { accounts?: unknown; useFactory?: unknown }): boolean {
  if (extras.accountRoutes !== undefined) return extras.accountRoutes;
  if ('useFactory' in extras || 'useClass' in extras || 'useExisting' in extras) return false;
  return Array.isArray(extras.accounts) && extras.accounts.length > 0;
}

function complete(base: DynamicModule, extras: WechatMpModuleExtras): DynamicModule {
  const path = extras.path === undefined ? DEFAULTS.path : extras.path;
  const providers: Provider[] = [
    {
      provide: WechatAccounts,
      useFactory: (options: WechatMpModuleOptions) => new WechatAccounts(resolveAccounts(options)),
      inject: [WECHAT_MP_MODULE_OPTIONS],
    },
    {
      provide: WECHAT_TOKEN_STORE,
      useFactory: (options: WechatMpModuleOptions) => options.tokenStore ?? new MemoryTokenStore(),
      inject: [WECHAT_MP_MODULE_OPTIONS],
    },
    {
      provide: WECHAT_HTTP_CLIENT,
      useFactory: (options: WechatMpModuleOptions) => options.httpClient ?? axios.create(),
      inject: [WECHAT_MP_MODULE_OPTIONS],
    },
    {
      provide: WECHAT_API_CLIENT_OPTIONS,
      useFactory: ({ apiRetry, mpBaseUrl, oauthBaseUrl }: WechatMpModuleOptions) => ({
        ...(apiRetry ? { retry: apiRetry } : {}),
        ...(mpBaseUrl ? { mpBaseUrl: mpBaseUrl.replace(/\/+$/, '') } : {}),
        ...(oauthBaseUrl ? { openBaseUrl: oauthBaseUrl.replace(/\/+$/, '') } : {}),
      }),
      inject: [WECHAT_MP_MODULE_OPTIONS],
    },
    {
      provide: WECHAT_OAUTH_OPTIONS,
      useFactory: (options: WechatMpModuleOptions) => ({ ...options.oauth }),
      inject: [WECHAT_MP_MODULE_OPTIONS],
    },
    {
      provide: WECHAT_OAUTH_SESSION_STORE,
      useFactory: ({ oauthSessionStore, oauth }: WechatMpModuleOptions) =>
        oauthSessionStore ?? new CookieOAuthSessionStore({ cookieName: oauth?.cookieName, ttlSeconds: oauth?.sessionTtlSeconds }),
      inject: [WECHAT_MP_MODULE_OPTIONS],
    },
    WechatOAuthGuard,
    WechatInboundService,
    WechatSignatureGuard,
    WechatXmlInterceptor,
    {
      provide: WECHAT_DEDUPE_STORE,
      useFactory: (options: WechatMpModuleOptions) =>
        options.dedupeStore ?? new MemoryDedupeStore({ maxEntries: DEFAULTS.dedupeMaxEntries }),
      inject: [WECHAT_MP_MODULE_OPTIONS],
    },
    WechatInboundPipeline,
    WechatLateReplySender,
    ...WECHAT_HANDLER_PROVIDERS,
    WechatServices,
    ...DEFAULT_ACCOUNT_SERVICES.map(([provide, key]) => ({
      provide,
      useFactory: (services: WechatServices) => services.forAccount()[key],
      inject: [WechatServices],
    })),
  ];
  providers.push({
    provide: WechatMpIntroduction,
    useFactory: (options: WechatMpModuleOptions, accounts: WechatAccounts, tokens: TokenStore, dedupe: DedupeStore, registry: WechatHandlerRegistry, config: ApplicationConfig) =>
      new WechatMpIntroduction(path, options, accounts, tokens, dedupe, registry, config),
    inject: [WECHAT_MP_MODULE_OPTIONS, WechatAccounts, WECHAT_TOKEN_STORE, WECHAT_DEDUPE_STORE, WechatHandlerRegistry, ApplicationConfig],
  });
  if (path !== false) {
    providers.push(
      { provide: RAW_BODY_PATH, useValue: path },
      {
        provide: WechatRawBodyCapture,
        useFactory: (p: string, accounts: WechatAccounts, host: HttpAdapterHost, inbound: WechatInboundService) =>
          new WechatRawBodyCapture(p, accounts, host, inbound),
        inject: [RAW_BODY_PATH, WechatAccounts, HttpAdapterHost, WechatInboundService],
      },
    );
  }
  return {
    ...base,
    global: extras.isGlobal ?? false,
    imports: [...(base.imports ?? []), DiscoveryModule],
    controllers: path === false ? [] : [createCallbackController(path, accountRoutesOf(extras))],
    providers: [...(base.providers ?? []), ...providers],
    exports: [
      WechatAccounts,
      WECHAT_TOKEN_STORE,
      WECHAT_DEDUPE_STORE,
      WechatInboundService,
      WechatSignatureGuard,
      WechatXmlInterceptor,
      WechatInboundPipeline,
      ...WECHAT_HANDLER_EXPORTS,
      WechatServices,
      ...DEFAULT_ACCOUNT_SERVICES.map(([provide]) => provide),
      WECHAT_OAUTH_OPTIONS,
      WECHAT_OAUTH_SESSION_STORE,
      WechatOAuthGuard,
    ],
  };
}
