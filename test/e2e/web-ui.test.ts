import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { md5, remoteTree, waitUntil } from '../integration/sync/ferry-process.js';
import { dropFiles, launchBrowser, openPage } from './support/browser.js';
import { e2eWorkspace, type E2eWorkspace } from './support/e2e-workspace.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

const row = (path: string, state?: string) =>
  `[data-testid="transfer-row"][data-path="${path}"]${state ? `[data-state="${state}"]` : ''}`;

describe('the web UI served by ferry serve, in Chromium, against the real RGW', () => {
  let space: E2eWorkspace;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    space = await e2eWorkspace('ui');
    await writeFile(join(space.data, 'hello.txt'), 'hello');
    serve = await startServe(space.config, space.env);
    browser = await launchBrowser();
    ({ page } = await openPage(browser, serve.url));
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('keeps the token out of the address bar: it becomes an HttpOnly cookie scripts cannot read', async () => {
    expect(serve.url).toContain('?token=');
    expect(page.url()).not.toContain('token');
    const cookies = await page.context().cookies();
    expect(cookies).toEqual([
      expect.objectContaining({ httpOnly: true, sameSite: 'Strict', path: '/' }),
    ]);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    // A reload (no token in the URL any more) still connects, by the cookie.
    await page.reload();
    await page.getByTestId('nav-folders').waitFor();
    expect(await page.getByTestId('missing-token').count()).toBe(0);
  });

  it('shows the folders and the first scan uploads what is there', async () => {
    await page.getByTestId('nav-folders').click();
    await page.getByTestId('folder-card-data').waitFor();
    await page.getByTestId('folder-card-denied').waitFor();
    await page.getByTestId('nav-transfers').click();
    await page.locator(row('hello.txt', 'done')).waitFor({ timeout: 30_000 });
    expect((await remoteTree(space.prefix)).get('hello.txt')).toBe(md5('hello'));
  });

  it('a file written into a watched folder appears in the transfer list and in the bucket', async () => {
    await page.getByTestId('nav-transfers').click();
    await writeFile(join(space.data, 'watched.txt'), 'written while watching');
    await page.locator(row('watched.txt', 'done')).waitFor({ timeout: 30_000 });
    expect((await remoteTree(space.prefix)).get('watched.txt')).toBe(md5('written while watching'));
  });

  it('a file dropped onto a folder card is uploaded and shows as done', async () => {
    await page.getByTestId('nav-folders').click();
    await dropFiles(page, '[data-testid="folder-card-data"]', [
      { name: 'dropped.txt', content: 'dropped on the page' },
    ]);
    await waitUntil(
      async () =>
        (await remoteTree(space.prefix)).get('dropped.txt') === md5('dropped on the page'),
      30_000,
      'the dropped file in the bucket',
    );
    await page.getByTestId('nav-transfers').click();
    await page.locator(row('dropped.txt', 'done')).waitFor({ timeout: 10_000 });
  });

  it('the expiry countdown ticks, and a refresh shows the new expiry', async () => {
    await page.getByTestId('nav-credentials').click();
    const countdown = page.getByTestId('credential-expiry-ceph');
    const expiresAt = page.getByTestId('credential-expires-at-ceph');
    await countdown.waitFor();
    const firstText = await countdown.textContent();
    await page.waitForTimeout(2_200);
    expect(await countdown.textContent()).not.toBe(firstText);

    const before = Number(await expiresAt.getAttribute('data-expires-at'));
    expect(before).toBeGreaterThan(Date.now());
    await page.waitForTimeout(1_100); // RGW's expiry has a resolution of one second
    await page.getByTestId('credential-refresh-ceph').click();
    await waitUntil(
      async () => Number(await expiresAt.getAttribute('data-expires-at')) > before,
      15_000,
      'a later expiry after the refresh',
    );
  });

  it('pause stops new transfers; resume lets them run', async () => {
    await page.getByTestId('pause-all').click();
    await page.getByTestId('resume-all').waitFor();
    await writeFile(join(space.data, 'while-paused.txt'), 'waits for resume');
    await page.getByTestId('nav-transfers').click();
    await page.locator(row('while-paused.txt', 'queued')).waitFor({ timeout: 15_000 });
    await page.waitForTimeout(2_000);
    expect((await remoteTree(space.prefix)).has('while-paused.txt')).toBe(false);
    await page.getByTestId('resume-all').click();
    await page.locator(row('while-paused.txt', 'done')).waitFor({ timeout: 30_000 });
    expect((await remoteTree(space.prefix)).get('while-paused.txt')).toBe(md5('waits for resume'));
  });

  it('a folder its token may not write shows the preflight error and the fix, and does not start', async () => {
    // Issue 12: checked before anything is uploaded, not reported file by file.
    await page.getByTestId('nav-folders').click();
    const card = page.getByTestId('folder-card-denied');
    await card.getByRole('alert').waitFor({ timeout: 30_000 });
    expect(await card.getByRole('alert').textContent()).toMatch(
      /Folder "denied": the token may not upload to .*ask its administrator/,
    );
    expect(await page.getByTestId('folder-policy-denied').textContent()).toMatch(/custom policy/);
    await writeFile(join(space.denied, 'refused.txt'), 'the policy says no');
    await page.getByTestId('nav-transfers').click();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(
      await page.locator('[data-testid="transfer-row"][data-path="refused.txt"]').count(),
    ).toBe(0);
    expect((await remoteTree(space.deniedPrefix)).size).toBe(0);
  });
});
