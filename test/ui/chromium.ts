import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** Debian's Chromium (never a downloaded browser); CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the browser specs leave a screenshot of each flow for a reviewer. */
export const SHOTS = join(process.cwd(), '.test-tmp', 'ui-screenshots');
/** Every request the page makes must stay on this machine. */
export const LOOPBACK = /^(http:\/\/127\.0\.0\.1:\d+\/|data:|about:blank)/;

export interface OpenBrowser {
  browser: Browser;
  page: Page;
  /** A fresh profile directory, removed by close(). */
  profile: string;
  requested: string[];
  pageErrors: string[];
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh profile and opens one page that records its requests and errors. */
export async function openChromium(): Promise<OpenBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's (apt-get install chromium fonts-noto-cjk) or set CHROMIUM_PATH`);
  }
  mkdirSync(SHOTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'wechat-ui-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
    ],
  });
  const page = await browser.newPage();
  const requested: string[] = [];
  const pageErrors: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.setViewport({ width: 1400, height: 880 });
  return {
    browser,
    page,
    profile,
    requested,
    pageErrors,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the element's innerText contains `text` (browser code as a string: no DOM library in the specs). */
export function waitForText(page: Page, selector: string, text: string, timeout = 15_000) {
  return page.waitForFunction(`document.querySelector(${JSON.stringify(selector)})?.innerText.includes(${JSON.stringify(text)})`, { timeout });
}
