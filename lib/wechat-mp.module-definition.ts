import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { WechatMpModuleExtras, WechatMpModuleOptions } from './wechat-mp.options.js';
import { DEFAULTS } from './wechat-mp.constants.js';

/**
 * forRoot / forRootAsync come from Nest's builder. `isGlobal` and `path` are extras: they shape the module itself,
 * so `WechatMpModule` applies them in its own overrides (the builder's async extras have had bugs: nestjs/nest#13372).
 */
export const {
  ConfigurableModuleClass: WechatMpConfigurableModule,
  MODULE_OPTIONS_TOKEN: WECHAT_MP_MODULE_OPTIONS,
  OPTIONS_TYPE: WECHAT_MP_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: WECHAT_MP_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<WechatMpModuleOptions>({ moduleName: 'WechatMp' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createWechatMpOptions')
  .setExtras<WechatMpModuleExtras>({ isGlobal: false, path: DEFAULTS.path }, (definition) => definition)
  .build();
