import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { rgw } from '../integration/setup/rgw-info.js';
import { md5, remoteTree } from '../integration/sync/ferry-process.js';
import { repoRoot } from '../support/build-once.js';
import { launchBrowser, openPage } from './support/browser.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

const run = promisify(execFile);

describe('first run in the browser: no config file yet', () => {
  const profileId = `first-run-${process.pid}`;
  let dir: string;
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-e2e-setup-'));
    await mkdir(join(dir, 'photos'));
    await writeFile(join(dir, 'photos', 'first.jpg'), 'first photo');
    // No FERRY_SECRET_*: the secret must travel from the form into the real keychain.
    serve = await startServe(join(dir, 'ferry.yaml'), { XDG_DATA_HOME: join(dir, 'data-home') });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await run('node', [join(repoRoot, 'out/cli/ferry.js'), 'secret', 'delete', profileId]);
  });

  it('the setup form reports what is wrong, then writes the config, stores the secret and starts syncing', async () => {
    const info = rgw();
    const prefix = `e2e-setup-${Date.now().toString(36)}/`;
    const { page } = await openPage(browser, serve.url);
    const form = page.getByTestId('setup-form');
    await form.waitFor();

    await page.getByTestId('setup-profile-id').fill(profileId);
    await page.getByTestId('setup-endpoint').fill(info.endpoint);
    await page.getByTestId('setup-force-path-style').check();
    await page.getByTestId('setup-access-key-id').fill(info.user.accessKeyId);
    await page.getByTestId('setup-role-arn').fill('not-an-arn');
    await page.getByTestId('setup-secret').fill(info.user.secretAccessKey);
    await page.getByTestId('setup-folder-id').fill('photos');
    await page.getByTestId('setup-path').fill(join(dir, 'photos'));
    await page.getByTestId('setup-bucket').fill(info.bucket);
    await page.getByTestId('setup-prefix').fill(prefix);
    await page.getByTestId('setup-save').click();
    await expect
      .poll(async () => (await page.getByTestId('config-errors').textContent()) ?? '', {
        timeout: 10_000,
      })
      .toMatch(/roleArn/);
    await expect(readFile(join(dir, 'ferry.yaml'), 'utf8')).rejects.toThrow(/ENOENT/);

    await page.getByTestId('setup-role-arn').fill(info.roleArn);
    await page.getByTestId('setup-save').click();
    await page.getByTestId('folder-card-photos').waitFor({ timeout: 20_000 });
    await page.getByTestId('nav-transfers').click();
    await page
      .locator('[data-testid="transfer-row"][data-path="first.jpg"][data-state="done"]')
      .waitFor({ timeout: 30_000 });
    expect((await remoteTree(prefix)).get('first.jpg')).toBe(md5('first photo'));

    const written = await readFile(join(dir, 'ferry.yaml'), 'utf8');
    expect(written).toContain(`id: ${profileId}`);
    expect(written).toContain(info.roleArn);
    // The secret went to the keychain, never into the file.
    expect(written).not.toContain(info.user.secretAccessKey);
  });
});
