import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { md5, remoteTree, waitUntil } from '../integration/sync/ferry-process.js';
import { launchBrowser, openPage, screenshot } from './support/browser.js';
import { e2eWorkspace, type E2eWorkspace } from './support/e2e-workspace.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

const file = (name: string, content: string) => ({
  name,
  mimeType: 'text/plain',
  buffer: Buffer.from(content),
});

/** Issue 13: what the engine says reaches a zh-CN page in Chinese, worded by code with params
 *  (skip reasons, a blocked folder's upload button, ferry serve's refusals, config problems),
 *  and a folder card counts the files dropped on it. Real Chromium, real RGW. */
describe('the zh-CN page words engine texts by code (Chromium, real RGW)', () => {
  let space: E2eWorkspace;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    space = await e2eWorkspace('zh');
    await writeFile(join(space.data, 'local.txt'), 'a local file');
    execFileSync('mkfifo', [join(space.data, 'pipe')]);
    serve = await startServe(space.config, space.env);
    browser = await launchBrowser();
    ({ page } = await openPage(browser, serve.url, { locale: 'zh-CN' }));
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('a skipped FIFO is explained in Chinese on the folder card', async () => {
    const card = page.getByTestId('folder-card-data');
    await card.waitFor();
    await waitUntil(
      async () => ((await card.textContent()) ?? '').includes('特殊文件（命名管道），不上传'),
      30_000,
      'the FIFO skip reason in Chinese',
    );
    expect(await card.textContent()).not.toContain('special file');
    await waitUntil(
      async () => (await page.getByTestId('folder-files-data').textContent()) === '1',
      30_000,
      'one local file counted',
    );
  });

  it('a folder that failed its check offers no upload, and says why in Chinese', async () => {
    const card = page.getByTestId('folder-card-denied');
    await waitUntil(
      async () => await card.getByTestId('upload-files').isDisabled(),
      60_000,
      'the blocked folder’s upload button disabled',
    );
    expect(await page.getByTestId('folder-drop-hint-denied').textContent()).toContain(
      '此文件夹通过检查之前无法上传',
    );
  });

  it('files chosen for a folder are counted on its card, apart from its local files', async () => {
    const card = page.getByTestId('folder-card-data');
    await card.getByTestId('upload-files-input').setInputFiles([file('chosen.txt', 'chosen')]);
    await waitUntil(
      async () => (await remoteTree(space.prefix)).get('chosen.txt') === md5('chosen'),
      30_000,
      'the chosen file in the bucket',
    );
    await waitUntil(
      async () => (await page.getByTestId('folder-dropped-data').textContent()) === '1',
      15_000,
      'one dropped file counted on the card',
    );
    expect(await page.getByTestId('folder-files-data').textContent()).toBe('1');
  });

  it('ferry serve refuses a paused folder with a code the page words in Chinese', async () => {
    await page.getByTestId('folder-pause-data').click();
    await page.getByTestId('folder-resume-data').waitFor();
    const card = page.getByTestId('folder-card-data');
    await card.getByTestId('upload-files-input').setInputFiles([file('late.txt', 'late')]);
    const toast = page.getByTestId('toast').filter({ hasText: '已暂停，不接受上传' });
    await toast.first().waitFor({ timeout: 15_000 });
    await screenshot(page, 'translated-texts-zh-CN-refusal');
    await page.getByTestId('folder-resume-data').click();
  });

  it('the settings page lists config problems in Chinese', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('profile-0-role-arn').fill('not-an-arn');
    await page.getByTestId('config-save').click();
    const errors = page.getByTestId('config-errors');
    await errors.waitFor({ timeout: 15_000 });
    const text = (await errors.textContent()) ?? '';
    expect(text).toContain('格式应类似 arn:aws:iam::123456789012:role/Name');
    expect(text).not.toContain('must look like');
    await screenshot(page, 'translated-texts-zh-CN-config-errors');
  });
});
