import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { md5, remoteTree, waitUntil } from '../integration/sync/ferry-process.js';
import { launchBrowser, openPage, screenshot } from './support/browser.js';
import { e2eWorkspace, type E2eWorkspace } from './support/e2e-workspace.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

const row = (path: string, state?: string) =>
  `[data-testid="transfer-row"][data-path="${path}"]${state ? `[data-state="${state}"]` : ''}`;

const file = (name: string, content: string) => ({
  name,
  mimeType: 'text/plain',
  buffer: Buffer.from(content),
});

/** Issue 13 item 5 in a browser on `ferry serve`: "Upload files…", the folder field's
 *  directory suggestions and the folder options, against the real RGW. */
describe('desktop basics in the web UI (Chromium, real RGW)', () => {
  let space: E2eWorkspace;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    space = await e2eWorkspace('basics');
    for (const name of ['Documents', 'Downloads', 'Music']) await mkdir(join(space.dir, name));
    serve = await startServe(space.config, space.env);
    browser = await launchBrowser();
    ({ page } = await openPage(browser, serve.url));
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it("a folder card's Upload files… sends the chosen files to that folder's bucket", async () => {
    const card = page.getByTestId('folder-card-data');
    await card.getByTestId('upload-files').waitFor();
    await card
      .getByTestId('upload-files-input')
      .setInputFiles([file('chosen-1.txt', 'first chosen'), file('chosen-2.txt', 'second')]);
    await waitUntil(
      async () => {
        const tree = await remoteTree(space.prefix);
        return (
          tree.get('chosen-1.txt') === md5('first chosen') &&
          tree.get('chosen-2.txt') === md5('second')
        );
      },
      30_000,
      'both chosen files in the bucket',
    );
    await page.getByTestId('nav-transfers').click();
    await page.locator(row('chosen-1.txt', 'done')).waitFor({ timeout: 10_000 });
    await page.locator(row('chosen-2.txt', 'done')).waitFor({ timeout: 10_000 });
  });

  it('the transfers toolbar button asks which folder first (two are set up), then uploads', async () => {
    await page.getByTestId('nav-transfers').click();
    await page.getByTestId('upload-files').waitFor();
    await page
      .getByTestId('upload-files-input')
      .setInputFiles([file('from-toolbar.txt', 'chosen in the toolbar')]);
    const chooser = page.getByTestId('folder-chooser');
    await chooser.waitFor();
    await page.getByTestId('chooser-folder').selectOption('data');
    await page.getByTestId('chooser-sub-prefix').fill('inbox/');
    await page.getByTestId('chooser-upload').click();
    await waitUntil(
      async () =>
        (await remoteTree(space.prefix)).get('inbox/from-toolbar.txt') ===
        md5('chosen in the toolbar'),
      30_000,
      'the toolbar upload in the bucket, under the chosen sub-prefix',
    );
  });

  it('the keyboard reaches the button: Tab to it, Enter opens the file chooser', async () => {
    await page.getByTestId('folder-chooser').waitFor({ state: 'detached' });
    await page.getByTestId('nav-transfers').click();
    const button = page.getByTestId('upload-files');
    // Tab from the control before it, as a keyboard user would.
    await page.getByTestId('transfer-filter-done').focus();
    await page.keyboard.press('Tab');
    expect(await button.evaluate((element) => element === document.activeElement)).toBe(true);
    // Enter on the button itself: a snapshot push may re-render the toolbar between the Tab and
    // the key (the focus check above already proved the Tab order), and a key sent to whatever
    // is focused then goes nowhere (failed 1 run in 3 on a loaded machine).
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser', { timeout: 10_000 }),
      button.press('Enter'),
    ]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles([file('by-keyboard.txt', 'chosen with the keyboard')]);
    // Two folders: the chooser asks where; the keyboard answers it too.
    await page.getByTestId('chooser-folder').waitFor();
    await page.getByTestId('chooser-folder').selectOption('data');
    await page.getByTestId('chooser-upload').press('Enter');
    await page.locator(row('by-keyboard.txt', 'done')).waitFor({ timeout: 30_000 });
  });

  it("the folder path suggests the server's existing directories, and the folder options are in the form", async () => {
    await page.getByTestId('nav-settings').click();
    const path = page.getByTestId('folder-0-path');
    await path.waitFor();
    await path.fill(join(space.dir, 'D'));
    const options = page.locator('[data-testid="folder-0-path-suggestions"] option');
    await waitUntil(async () => (await options.count()) === 4, 5_000, 'four suggestions');
    expect(
      await options.evaluateAll((list) => list.map((o) => (o as HTMLOptionElement).value)),
    ).toEqual([
      join(space.dir, 'data'),
      join(space.dir, 'denied'),
      join(space.dir, 'Documents'),
      join(space.dir, 'Downloads'),
    ]);
    // A relative path gets no suggestions (the server refuses it), and no error shows.
    await path.fill('data');
    await waitUntil(async () => (await options.count()) === 0, 5_000, 'no suggestions');
    await path.fill(space.data);

    await page.getByTestId('folder-0-ignore').waitFor();
    await page.getByTestId('folder-0-remote-listing').waitFor();
    expect(await page.getByTestId('folder-0-delete-delay').count()).toBe(0);
    await page.getByTestId('folder-0-mode').selectOption('mirror');
    await page.getByTestId('folder-0-delete-delay').waitFor();
    await page.getByTestId('folder-0-mode').selectOption('upload');
  });

  it.each([
    ['en-US', 'en'],
    ['zh-CN', 'zh-CN'],
  ] as const)(
    'screenshots (%s): folders, transfers and settings at 720x480 and 1440x900',
    async (locale, name) => {
      for (const [width, height] of [
        [720, 480],
        [1440, 900],
      ] as const) {
        const shot = await openPage(browser, serve.url, { locale });
        try {
          await shot.page.setViewportSize({ width, height });
          await shot.page.getByTestId('folder-card-data').waitFor();
          await shot.page.waitForTimeout(300);
          await screenshot(shot.page, `desktop-basics-${name}-${width}x${height}-folders`);
          await shot.page.getByTestId('nav-transfers').click();
          await shot.page.locator(row('chosen-1.txt', 'done')).waitFor({ timeout: 10_000 });
          await shot.page.waitForTimeout(300);
          await screenshot(shot.page, `desktop-basics-${name}-${width}x${height}-transfers`);
          await shot.page.getByTestId('nav-settings').click();
          await shot.page.getByTestId('folder-0-mode').selectOption('mirror');
          await shot.page.getByTestId('folder-0-ignore').fill('*.tmp\nnode_modules/');
          await shot.page.getByTestId('folder-0-path').fill(join(space.dir, 'D'));
          await shot.page.waitForTimeout(500);
          await screenshot(shot.page, `desktop-basics-${name}-${width}x${height}-settings`);
          await shot.page.getByTestId('folder-0-remote-listing').scrollIntoViewIfNeeded();
          await shot.page.waitForTimeout(200);
          await screenshot(shot.page, `desktop-basics-${name}-${width}x${height}-settings-options`);
        } finally {
          await shot.context.close();
        }
      }
    },
  );
});
