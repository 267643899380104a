import type { INestApplication, LoggerService } from '@nestjs/common';
import type { Page } from 'puppeteer-core';
import { createSampleApp } from '../../sample/create-sample-app.js';
import { SampleMenuSync } from '../../sample/sample-menu.js';
import { SamplePlatform } from '../../sample/sample-platform.js';
import { openChromium, type OpenBrowser } from './chromium.js';

/** The sample app on its embedded defaults and the emulator's page open on it in Chromium. */
export interface SamplePage {
  app: INestApplication;
  chromium: OpenBrowser;
  page: Page;
  /** The sample's base URL (http://127.0.0.1:PORT). */
  base: string;
}

/**
 * Starts the sample with no WECHAT_APP_ID (it starts its bundled emulator and creates its menu there), connects the
 * emulator's page to the sample's callback URL and opens it once the menu is drawn.
 */
export async function openSamplePage(logger: LoggerService): Promise<SamplePage> {
  const { app } = await createSampleApp({}, { logger });
  await app.listen(0, '127.0.0.1');
  await app.get(SampleMenuSync).done;
  const base = await app.getUrl();
  const pageUrl = app.get(SamplePlatform).connectPage(`${base}/wechat`);
  if (!pageUrl) throw new Error('the sample did not start its emulator');
  const chromium = await openChromium();
  const page = chromium.page;
  await page.goto(pageUrl, { waitUntil: 'load' });
  await page.locator('::-p-aria(今日推荐[role="button"])').wait();
  return { app, chromium, page, base };
}

/** Closes what `openSamplePage` opened (whatever part of it got started). */
export async function closeSamplePage(opened: Partial<SamplePage> | undefined): Promise<void> {
  await opened?.chromium?.close();
  await opened?.app?.close();
}
