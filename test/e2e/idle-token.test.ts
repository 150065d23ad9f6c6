import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { rgw } from '../integration/setup/rgw-info.js';
import { launchBrowser, openPage, screenshot } from './support/browser.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

/** The shared RGW allows tokens down to 1 s; 3.5 lifetimes of 20 s fit in a test. */
const LIFETIME_SECONDS = 20;
const IDLE_MS = 3.5 * LIFETIME_SECONDS * 1000;

interface Seen {
  readonly at: number;
  readonly global: string | null;
  readonly credential: string | null;
  readonly badge: string;
  readonly countdown: string;
  readonly countdownClass: string;
  readonly banner: number;
}

/** A config with one folder on the real RGW whose profile gets `LIFETIME_SECONDS` tokens. */
async function idleConfig(label: string): Promise<string> {
  const info = rgw();
  const dir = await mkdtemp(join(tmpdir(), `ferry-e2e-${label}-`));
  const data = join(dir, 'data');
  await mkdir(data);
  const config = {
    profiles: [
      {
        id: 'ceph',
        endpoint: info.endpoint,
        forcePathStyle: true,
        credentials: {
          source: 'assume-role',
          accessKeyId: info.user.accessKeyId,
          roleArn: info.roleArn,
          durationSeconds: LIFETIME_SECONDS,
          minDurationSeconds: 1,
        },
      },
    ],
    folders: [
      {
        id: 'data',
        path: data,
        profile: 'ceph',
        bucket: info.bucket,
        prefix: `e2e-${label}-${Date.now().toString(36)}/`,
      },
    ],
    stateDir: join(dir, 'state'),
  };
  const configPath = join(dir, 'ferry.json');
  await writeFile(configPath, JSON.stringify(config, null, 2));
  return configPath;
}

describe('an idle ferry serve keeps its token fresh: the page never shows "expired" (issue 12, Chromium, real RGW)', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const configPath = await idleConfig('idle');
    serve = await startServe(configPath, { FERRY_SECRET_CEPH: rgw().user.secretAccessKey });
    browser = await launchBrowser();
    ({ page } = await openPage(browser, serve.url));
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it(`for ${IDLE_MS / 1000} s with ${LIFETIME_SECONDS} s tokens: always valid, renewing, never a warning`, async () => {
    await page.getByTestId('nav-credentials').click();
    const badge = page.getByTestId('credential-state-ceph');
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="credential-state-ceph"]')
          ?.getAttribute('data-state') === 'valid',
      undefined,
      { timeout: 30_000 },
    );
    const expiresAt = page.getByTestId('credential-expires-at-ceph');
    const firstExpiry = Number(await expiresAt.getAttribute('data-expires-at'));

    const seen: Seen[] = [];
    const end = Date.now() + IDLE_MS;
    while (Date.now() < end) {
      seen.push(
        await page.evaluate(() => {
          const q = (id: string) => document.querySelector(`[data-testid="${id}"]`);
          const countdown = q('credential-expiry-ceph');
          return {
            at: Date.now(),
            global: q('global-state')?.getAttribute('data-state') ?? null,
            credential: q('credential-state-ceph')?.getAttribute('data-state') ?? null,
            badge: q('credential-state-ceph')?.textContent ?? '',
            countdown: countdown?.textContent ?? '',
            countdownClass: countdown?.className ?? '',
            banner: document.querySelectorAll('[data-testid="credential-banner"]').length,
          };
        }),
      );
      await page.waitForTimeout(500);
    }
    await screenshot(page, 'idle-token-credentials');
    await page.getByTestId('nav-folders').click();
    const folderState = await page.getByTestId('folder-state-data').getAttribute('data-state');
    await screenshot(page, 'idle-token-folders');

    for (const s of seen) {
      const at = new Date(s.at).toISOString();
      expect(s.credential, at).toMatch(/^(valid|refreshing)$/);
      expect(s.global, at).toBe('idle');
      expect(s.banner, at).toBe(0);
      expect(s.countdown, at).not.toMatch(/expired/i);
      expect(s.countdownClass, at).toContain('countdown--ok');
    }
    expect(seen.some((s) => /Valid, renews at \d/.test(s.badge))).toBe(true);
    expect(folderState).toBe('watching');
    // Renewed several times while nothing uploaded.
    await page.getByTestId('nav-credentials').click();
    const lastExpiry = Number(
      await page.getByTestId('credential-expires-at-ceph').getAttribute('data-expires-at'),
    );
    expect(lastExpiry - firstExpiry).toBeGreaterThanOrEqual(2.5 * LIFETIME_SECONDS * 1000);
    expect(await badge.count()).toBe(1);
  });
});

describe('a refresh that fails is shown with its reason and next attempt (issue 12, Chromium, real RGW)', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const configPath = await idleConfig('wrong');
    serve = await startServe(configPath, { FERRY_SECRET_CEPH: 'not-the-secret-key-at-all' });
    browser = await launchBrowser();
    ({ page } = await openPage(browser, serve.url));
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('top bar "Credentials failing", the banner and the card say why and when the next attempt is; the folder says no valid token', async () => {
    await page.getByTestId('nav-credentials').click();
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="credential-state-ceph"]')
          ?.getAttribute('data-state') === 'failing',
      undefined,
      { timeout: 30_000 },
    );
    expect(await page.getByTestId('global-state').getAttribute('data-state')).toBe(
      'credentials-expired',
    );
    expect(await page.getByTestId('global-state').textContent()).toContain('Credentials failing');
    const banner = page.getByTestId('credential-banner');
    expect(await banner.getAttribute('data-kind')).toBe('failing');
    await page.waitForFunction(
      () =>
        /next attempt in \d/.test(
          document.querySelector('[data-testid="credential-banner"]')?.textContent ?? '',
        ),
      undefined,
      { timeout: 10_000 },
    );
    expect(await banner.textContent()).toMatch(
      /ceph: refreshing the token failed \(.+[^.]\); next attempt in /,
    );
    expect(await page.getByTestId('credential-next-refresh-ceph').textContent()).toMatch(
      /Retrying in \d/,
    );
    await screenshot(page, 'failing-token-credentials');
    await page.getByTestId('nav-folders').click();
    expect(await page.getByTestId('folder-state-data').getAttribute('data-state')).toBe(
      'credentials-failing',
    );
    await screenshot(page, 'failing-token-folders');
  });
});
