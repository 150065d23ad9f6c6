import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchBrowser, openPage, screenshot } from './support/browser.js';
import { e2eWorkspace } from './support/e2e-workspace.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

const VIEWS = ['folders', 'transfers', 'credentials', 'settings'] as const;

describe('screenshots of the main views (test/artifacts/screenshots)', () => {
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    const space = await e2eWorkspace('shots');
    for (const name of ['report.pdf', 'notes.md', 'photo.jpg']) {
      await writeFile(join(space.data, name), `content of ${name}`);
    }
    await writeFile(join(space.denied, 'refused.txt'), 'denied by the policy');
    serve = await startServe(space.config, space.env);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it.each([
    ['en', 'en-US', 'light'],
    ['en', 'en-US', 'dark'],
    ['zh-CN', 'zh-CN', 'light'],
    ['zh-CN', 'zh-CN', 'dark'],
  ] as const)(
    '%s, %s theme: language and theme follow the browser',
    async (language, locale, theme) => {
      const { context, page } = await openPage(browser, serve.url, {
        locale,
        colorScheme: theme === 'dark' ? 'dark' : 'light',
      });
      try {
        await page.getByTestId('folder-card-data').waitFor();
        expect(await page.locator('html').getAttribute('lang')).toBe(language);
        expect(await page.locator('html').getAttribute('data-theme')).toBe(theme);
        for (const view of VIEWS) {
          await page.getByTestId(`nav-${view}`).click();
          await page.waitForTimeout(300);
          await screenshot(page, `${view}-${language}-${theme}`);
        }
      } finally {
        await context.close();
      }
    },
  );
});
