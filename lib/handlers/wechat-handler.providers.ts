import type { Provider } from '@nestjs/common';
import { WechatHandlerMetadataAccessor } from './wechat-handler-metadata.accessor.js';
import { WechatHandlerExplorer } from './wechat-handler.explorer.js';
import { WechatHandlerRegistry } from './wechat-handler.registry.js';
import { WechatParamsFactory } from './wechat-params.factory.js';
import { WechatDispatcher } from './wechat.dispatcher.js';

/**
 * Everything the handlers layer needs; add to a module that imports `DiscoveryModule` and (optionally)
 * provides `WechatAccounts`, which lets `@ForAccount()` accept AppIDs and reject unknown accounts at bootstrap.
 */
export const WECHAT_HANDLER_PROVIDERS: Provider[] = [
  WechatHandlerMetadataAccessor,
  WechatParamsFactory,
  WechatHandlerRegistry,
  WechatHandlerExplorer,
  WechatDispatcher,
];

/** What a module providing `WECHAT_HANDLER_PROVIDERS` should export: the dispatcher, and the table for introspection. */
export const WECHAT_HANDLER_EXPORTS = [WechatDispatcher, WechatHandlerRegistry];
