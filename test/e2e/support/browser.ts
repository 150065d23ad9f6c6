import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

import { repoRoot } from '../../support/build-once.js';

/** Debian's Chromium (test/services/ensure-packages.sh browser); Playwright downloads nothing. */
const CHROMIUM = process.env['FERRY_CHROMIUM'] ?? '/usr/bin/chromium';

export const SCREENSHOT_DIR = join(repoRoot, 'test', 'artifacts', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run bash test/services/ensure-packages.sh browser`);
  }
  // --no-sandbox: CI runs as root, where Chromium refuses its sandbox.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}

export interface PageOptions {
  readonly locale?: string;
  readonly colorScheme?: 'light' | 'dark';
}

export async function openPage(
  browser: Browser,
  url: string,
  options: PageOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * Drops files on an element the way a browser does: a `drop` event whose DataTransfer holds
 * File objects (built in the page; Playwright cannot hand over OS drags).
 */
export async function dropFiles(
  page: Page,
  selector: string,
  files: readonly { readonly name: string; readonly content: string }[],
): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const file of list) {
      transfer.items.add(new File([file.content], file.name, { type: 'text/plain' }));
    }
    return transfer;
  }, files);
  const target = page.locator(selector);
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}
