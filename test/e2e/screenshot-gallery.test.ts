import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { rgw } from '../integration/setup/rgw-info.js';
import { repoRoot } from '../support/build-once.js';
import { launchBrowser } from './support/browser.js';
import { e2eWorkspace, type E2eWorkspace } from './support/e2e-workspace.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

/**
 * Issue 13 "Done means": every view as a new user sees it, at the minimum window (720×480) and a
 * wide one (1440×900), in en and zh-CN, light and dark. The layout checks always run; the PNGs
 * go to docs/screenshots/ only with FERRY_SCREENSHOTS=1 (they are committed, and CI need not
 * rewrite them on every run).
 */
const WRITE_PNGS = process.env['FERRY_SCREENSHOTS'] === '1';
const GALLERY = join(repoRoot, 'docs', 'screenshots');
const LANGUAGES = ['en', 'zh-CN'] as const;
const THEMES = ['light', 'dark'] as const;
const SIZES = [
  [720, 480],
  [1440, 900],
] as const;
/** The "idle page": left open this long, as someone who glances back at the window. */
const IDLE_MS = 70_000;
/** Slow enough that the big file is still uploading while the "during" shots are taken. */
const BANDWIDTH = '1MiB';
const BIG_FILE_BYTES = 36 * 1024 * 1024;

type Language = (typeof LANGUAGES)[number];
type Theme = (typeof THEMES)[number];
interface Variant {
  readonly language: Language;
  readonly theme: Theme;
}
const VARIANTS: readonly Variant[] = LANGUAGES.flatMap((language) =>
  THEMES.map((theme) => ({ language, theme })),
);

/** A page whose stored preferences (Settings → theme, language) are already chosen. */
async function openVariant(
  browser: Browser,
  url: string,
  { language, theme }: Variant,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: language === 'en' ? 'en-US' : language,
    viewport: { width: 720, height: 480 },
  });
  // The app's own preference keys (renderer/src/hooks/use-preferences.ts), not the OS scheme.
  await context.addInitScript(
    ([lang, mode]) => {
      window.localStorage.setItem('ferry.language', lang);
      window.localStorage.setItem('ferry.theme', mode);
    },
    [language, theme] as const,
  );
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('folder-card-data').waitFor();
  expect(await page.locator('html').getAttribute('data-theme')).toBe(theme);
  return { context, page };
}

/**
 * What a user would call broken: a sideways scrollbar at 720 px, text cut off with "…" and no
 * way to read the rest (no title), a Retry button something else sits on.
 */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth) {
      problems.push(`horizontal overflow: ${root.scrollWidth} > ${window.innerWidth}`);
    }
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const style = getComputedStyle(element);
      if (style.textOverflow !== 'ellipsis' || element.offsetParent === null) continue;
      const clipped = element.scrollWidth > element.clientWidth + 1;
      const text = element.textContent?.trim() ?? '';
      if (clipped && text !== '' && !element.closest('[title]')) {
        problems.push(`cut off without a title: "${text.slice(0, 60)}"`);
      }
    }
    for (const button of Array.from(
      document.querySelectorAll<HTMLElement>('[data-testid="transfer-retry"]'),
    )) {
      const box = button.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      if (box.width === 0 || y < 0 || y > window.innerHeight) continue;
      const hit = document.elementFromPoint(x, y);
      if (!hit || !button.contains(hit)) {
        problems.push(`Retry covered by ${hit?.outerHTML.slice(0, 80) ?? 'nothing'}`);
      }
    }
    return problems;
  });
}

/** Checks the page at both sizes and (with FERRY_SCREENSHOTS=1) writes one PNG per size. */
async function capture(
  page: Page,
  variant: Variant,
  view: string,
  prepare?: (page: Page) => Promise<void>,
  sizes: readonly (readonly [number, number])[] = SIZES,
): Promise<string[]> {
  const found: string[] = [];
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await prepare?.(page);
    await page.waitForTimeout(250);
    const name = `${variant.language}-${variant.theme}-${width}x${height}-${view}`;
    found.push(...(await layoutProblems(page)).map((problem) => `${name}: ${problem}`));
    if (WRITE_PNGS) {
      await page.screenshot({ path: join(GALLERY, `${name}.png`), fullPage: false });
    }
  }
  return found;
}

async function tabCount(page: Page, filter: string): Promise<number> {
  const text = (await page.getByTestId(`transfer-filter-${filter}`).textContent()) ?? '';
  return Number(text.replace(/\D/g, '') || '0');
}

describe('the screenshot gallery: every view at 720×480 and 1440×900, en/zh-CN, light/dark', () => {
  let space: E2eWorkspace;
  let serve: ServeProcess;
  let browser: Browser;
  let paused: string;

  beforeAll(async () => {
    if (WRITE_PNGS) await mkdir(GALLERY, { recursive: true });
    space = await e2eWorkspace('gallery', { concurrency: 4, bandwidthLimit: BANDWIDTH });
    const { bucket } = rgw();
    const arn = `arn:aws:s3:::${bucket}`;
    const config = JSON.parse(await readFile(space.config, 'utf8')) as {
      profiles: { id: string; credentials: Record<string, unknown> }[];
      folders: Record<string, unknown>[];
    };
    const limited = config.profiles.find((profile) => profile.id === 'limited');
    if (!limited) throw new Error('the e2e workspace has no "limited" profile');
    // "denied" keeps the workspace's policy (its preflight fails: a folder with problems);
    // "refusing" may write under its prefix except one name, a failure only the upload meets.
    config.profiles.push({
      ...limited,
      id: 'refusing',
      credentials: {
        ...limited.credentials,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
              Resource: [`${arn}/${space.deniedPrefix}refusing/*`],
            },
            {
              Effect: 'Allow',
              Action: ['s3:ListBucket', 's3:ListBucketMultipartUploads'],
              Resource: [arn],
            },
            {
              Effect: 'Deny',
              Action: ['s3:PutObject'],
              Resource: [`${arn}/${space.deniedPrefix}refusing/quarterly-report-final*`],
            },
          ],
        }),
      },
    });
    const refusing = join(space.dir, 'refusing');
    paused = join(space.dir, 'paused');
    await mkdir(refusing);
    await mkdir(paused);
    // Second, so the wide folders shot shows the paused card beside the synced one.
    config.folders.splice(1, 0, {
      id: 'paused',
      path: paused,
      profile: 'ceph',
      bucket,
      prefix: `${space.prefix}paused/`,
    });
    config.folders.push({
      id: 'refusing',
      path: refusing,
      profile: 'refusing',
      bucket,
      prefix: `${space.deniedPrefix}refusing/`,
    });
    await writeFile(space.config, JSON.stringify(config, null, 2));
    for (const name of ['report.pdf', 'notes.md', 'photos/holiday-2026-07-beach-sunset.jpg']) {
      await mkdir(join(space.data, name, '..'), { recursive: true });
      await writeFile(join(space.data, name), `content of ${name}`);
    }
    await writeFile(join(space.denied, 'refused.txt'), 'denied by the policy');
    await writeFile(join(refusing, 'budget.xlsx'), 'numbers');
    await writeFile(join(refusing, 'quarterly-report-final-v3.docx'), 'refused by the store');
    serve = await startServe(space.config, {
      ...space.env,
      FERRY_SECRET_REFUSING: space.env['FERRY_SECRET_LIMITED'] ?? '',
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('every view, during and after a sync and after idling: no overflow, nothing cut off or covered', async () => {
    const problems: string[] = [];
    // Opened first, left alone for IDLE_MS while the rest is taken.
    const idle = await Promise.all(VARIANTS.map((v) => openVariant(browser, serve.url, v)));
    const idleSince = Date.now();
    // The pages above stay untouched; this one does what a user would (pause, sync now).
    const driver = await openVariant(browser, serve.url, { language: 'en', theme: 'light' });
    try {
      const { page } = driver;
      await page.getByTestId('nav-transfers').click();
      await expect
        .poll(() => tabCount(page, 'done'), { timeout: 90_000, interval: 500 })
        .toBeGreaterThanOrEqual(4);
      await expect.poll(() => tabCount(page, 'failed'), { timeout: 60_000 }).toBeGreaterThan(0);
      await page.getByTestId('nav-folders').click();
      await page.getByTestId('folder-pause-paused').click();
      await page.getByTestId('folder-resume-paused').waitFor();
      await writeFile(join(paused, 'waiting-while-paused.txt'), 'not yet');

      // During a sync: a big file goes up at the bandwidth limit.
      await mkdir(join(space.data, 'videos'), { recursive: true });
      // Written beside the folder and moved in: the watcher sees the whole file at once.
      const staged = join(space.dir, 'launch-recording.mp4');
      await writeFile(staged, Buffer.alloc(BIG_FILE_BYTES, 7));
      await rename(staged, join(space.data, 'videos/launch-recording.mp4'));
      await page.getByTestId('folder-sync-data').click();
      await page.getByTestId('nav-transfers').click();
      await expect.poll(() => tabCount(page, 'active'), { timeout: 30_000 }).toBeGreaterThan(0);
      for (const variant of VARIANTS) {
        const { context, page: shot } = await openVariant(browser, serve.url, variant);
        try {
          await shot.getByTestId('nav-transfers').click();
          await shot
            .locator('[data-testid="transfer-row"][data-state="uploading"]')
            .first()
            .waitFor();
          problems.push(...(await capture(shot, variant, 'transfers-during')));
        } finally {
          await context.close();
        }
      }
      await expect.poll(() => tabCount(page, 'active'), { timeout: 90_000 }).toBe(0);

      for (const variant of VARIANTS) {
        const { context, page: shot } = await openVariant(browser, serve.url, variant);
        try {
          problems.push(...(await capture(shot, variant, 'folders')));
          // At 720×480 one card fills the window: the one with a problem, scrolled to.
          problems.push(
            ...(await capture(
              shot,
              variant,
              'folders-problem',
              (p) => p.getByTestId('folder-card-denied').scrollIntoViewIfNeeded(),
              [[720, 480]],
            )),
          );
          await shot.getByTestId('nav-transfers').click();
          const failed = shot
            .locator('[data-testid="transfer-row"][data-state="failed"]')
            .filter({ hasText: 'quarterly' });
          await failed.getByTestId('transfer-toggle').click();
          await shot.getByTestId('transfer-details').waitFor();
          problems.push(...(await capture(shot, variant, 'transfers-failed')));
          // A filter with nothing in it: what does the empty list say?
          await shot.getByTestId('transfer-filter-active').click();
          problems.push(
            ...(await capture(shot, variant, 'transfers-none-active', undefined, [[720, 480]])),
          );
          await shot.getByTestId('transfer-filter-all').click();
          await shot.getByTestId('nav-credentials').click();
          await shot.getByTestId('credential-card-ceph').waitFor();
          problems.push(...(await capture(shot, variant, 'credentials')));
          // Settings with two mistakes, saved: the refusal and the fields it is about.
          await shot.getByTestId('nav-settings').click();
          await shot.getByTestId('folder-0-path').fill('relative/folder');
          await shot.getByTestId('folder-1-bucket').fill('Photos_2026');
          await shot.getByTestId('config-save').click();
          await shot.getByTestId('config-errors').waitFor();
          problems.push(
            ...(await capture(shot, variant, 'settings-errors', async (p) => {
              await p.getByTestId('config-errors').scrollIntoViewIfNeeded();
            })),
          );
        } finally {
          await context.close();
        }
      }

      await page.waitForTimeout(Math.max(0, IDLE_MS - (Date.now() - idleSince)));
      for (const [index, { page: idlePage }] of idle.entries()) {
        const variant = VARIANTS[index];
        if (!variant) continue;
        problems.push(...(await capture(idlePage, variant, 'idle')));
      }
    } finally {
      for (const { context } of [...idle, driver]) await context.close();
    }
    expect(problems).toEqual([]);
  });
});
