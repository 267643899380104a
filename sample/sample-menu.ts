import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { MenuService, type MenuDefinition } from 'nestjs-wechat-mp';
import { SAMPLE_CONFIG } from './sample-platform.js';
import type { SampleConfig } from './sample.config.js';

/** The sample's custom menu; `API_MENU_P_2` is the key the CLICK handler answers. */
export const SAMPLE_MENU: MenuDefinition = {
  button: [
    { type: 'click', name: '今日推荐', key: 'API_MENU_P_2' },
    {
      name: '更多',
      sub_button: [
        { type: 'view', name: '文档', url: 'https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Overview.html' },
        { type: 'scancode_push', name: '扫一扫', key: 'API_MENU_SCAN' },
        { type: 'location_select', name: '发送位置', key: 'API_MENU_LOCATION' },
      ],
    },
  ],
};

/**
 * Creates the menu at startup (against the emulator by default). Never blocks or fails startup: an unreachable
 * API is logged and the app serves callbacks anyway.
 */
@Injectable()
export class SampleMenuSync implements OnApplicationBootstrap {
  private readonly logger = new Logger('SampleMenu');
  /** Settles when the startup sync has finished (or failed); tests await it. */
  done: Promise<void> = Promise.resolve();

  constructor(
    @Inject(SAMPLE_CONFIG) private readonly config: SampleConfig,
    private readonly menus: MenuService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.syncMenu || !this.config.appSecret) return;
    this.done = this.menus.create(SAMPLE_MENU).then(
      () => this.logger.log('Menu created'),
      (error: unknown) => this.logger.warn(`Menu not created: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}
