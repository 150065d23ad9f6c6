import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchBrowser, openPage } from './support/browser.js';
import { e2eWorkspace } from './support/e2e-workspace.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

const FILES = 10_000;

describe('the transfer list with 10,000 transfers', () => {
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    // A bandwidth limit of 1 byte/s keeps nearly all of them queued while the page looks.
    const space = await e2eWorkspace('scale', { concurrency: 2, bandwidthLimit: 1 });
    for (let dir = 0; dir < 100; dir++) {
      const folder = join(space.data, `d${String(dir).padStart(3, '0')}`);
      await mkdir(folder);
      await Promise.all(
        Array.from({ length: FILES / 100 }, (_, i) => writeFile(join(folder, `f${i}.txt`), 'x')),
      );
    }
    serve = await startServe(space.config, space.env);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('is virtualised: every transfer is reachable by scrolling, few rows are in the page at once', async () => {
    const { page } = await openPage(browser, serve.url);
    await page.getByTestId('nav-transfers').click();
    // "All 10,000": the count, whatever the locale's digit grouping.
    await expect
      .poll(
        async () =>
          ((await page.getByTestId('transfer-filter-all').textContent()) ?? '').replace(/\D/g, ''),
        { timeout: 60_000 },
      )
      .toBe(String(FILES));
    const rendered = await page.getByTestId('transfer-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(200);

    // Scroll to the end: the last rows appear, and still only a window of rows exists.
    const list = page.getByTestId('transfer-list');
    for (let i = 0; i < 5; i++) {
      await list.evaluate((element) => {
        const scroller =
          [element, ...Array.from(element.querySelectorAll('*'))].find(
            (node) => node.scrollHeight > node.clientHeight + 10,
          ) ?? element;
        scroller.scrollTop = scroller.scrollHeight;
      });
      await page.waitForTimeout(200);
    }
    expect(await page.getByTestId('transfer-row').count()).toBeLessThan(200);
    const paths = await page
      .getByTestId('transfer-row')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-path') ?? ''));
    expect(paths.length).toBeGreaterThan(0);
    expect(new Set(paths).size).toBe(paths.length);
  });
});
