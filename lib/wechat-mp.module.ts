import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { HttpModule } from '@nestjs/axios';
import { DiscoveryModule, HttpAdapterHost } from '@nestjs/core';
import { BasicService } from './api/basic.service.js';
import { MaterialService } from './api/material.service.js';
import { MenuService } from './api/menu.service.js';
import { MessageService } from './api/message.service.js';
import { QrcodeService } from './api/qrcode.service.js';
import { TokenService } from './api/token.service.js';
import { WechatApiClient } from './api/wechat-api.client.js';
import { WechatServices, type WechatAccountServices } from './api/wechat-services.js';
import { WECHAT_HANDLER_EXPORTS, WECHAT_HANDLER_PROVIDERS } from './handlers/wechat-handler.providers.js';
import { createCallbackController } from './http/callback-controller.factory.js';
import { WechatRawBodyCapture } from './http/raw-body.capture.js';
import { WechatSignatureGuard } from './http/signature.guard.js';
import { WechatInboundService } from './http/wechat-inbound.service.js';
import { WechatXmlInterceptor } from './http/xml-body.interceptor.js';
import { WechatInboundPipeline } from './inbound/inbound.pipeline.js';
import { WechatLateReplySender } from './inbound/late-reply.sender.js';
import { MemoryDedupeStore } from './stores/memory-dedupe.store.js';
import { MemoryTokenStore } from './stores/memory-token.store.js';
import { WechatAccounts } from './wechat-accounts.js';
import {
  WECHAT_MP_ASYNC_OPTIONS_TYPE,
  WECHAT_MP_MODULE_OPTIONS,
  WECHAT_MP_OPTIONS_TYPE,
  WechatMpConfigurableModule,
} from './wechat-mp.module-definition.js';
import { DEFAULTS, WECHAT_API_CLIENT_OPTIONS, WECHAT_DEDUPE_STORE, WECHAT_TOKEN_STORE } from './wechat-mp.constants.js';
import type { WechatMpModuleExtras, WechatMpModuleOptions } from './wechat-mp.options.js';
import { resolveAccounts } from './wechat-mp.options-resolver.js';

const RAW_BODY_PATH = Symbol('wechat-mp:callback-path');

/** The default account's API, injectable one by one; other accounts via `WechatServices.forAccount()`. */
const DEFAULT_ACCOUNT_SERVICES: [new (...args: never[]) => unknown, keyof WechatAccountServices][] = [
  [WechatApiClient, 'client'],
  [TokenService, 'token'],
  [BasicService, 'basic'],
  [MenuService, 'menu'],
  [QrcodeService, 'qrcode'],
  [MaterialService, 'material'],
  [MessageService, 'message'],
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
function accountRoutesOf(extras: WechatMpModuleExtras & { accounts?: unknown; useFactory?: unknown }): boolean | 'runtime' {
  if ('useFactory' in extras || 'useClass' in extras || 'useExisting' in extras) return 'runtime';
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
      provide: WECHAT_API_CLIENT_OPTIONS,
      useFactory: ({ apiRetry, mpBaseUrl }: WechatMpModuleOptions) => ({
        ...(apiRetry ? { retry: apiRetry } : {}),
        ...(mpBaseUrl ? { mpBaseUrl: mpBaseUrl.replace(/\/+$/, '') } : {}),
      }),
      inject: [WECHAT_MP_MODULE_OPTIONS],
    },
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
    imports: [...(base.imports ?? []), DiscoveryModule, HttpModule],
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
    ],
  };
}
