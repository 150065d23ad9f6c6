import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';

import { build } from 'vite';
import { describe, expect, it } from 'vitest';

import type { PreloadApi } from '../../../app/ipc/preload-api.js';

const repo = join(import.meta.dirname, '..', '..', '..');

/**
 * The preload as Electron loads it: one CommonJS file run in a sandbox whose `require` knows only
 * Electron's modules. Built with the real config into a temporary folder, then run in a fresh V8
 * context with a stand-in `electron`.
 */
describe('the preload bundle', () => {
  it('requires nothing but electron, stays small, and exposes only the bridge', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'ferry-preload-'));
    await build({
      configFile: join(repo, 'main/electron/preload.vite.config.ts'),
      logLevel: 'silent',
      build: { outDir },
    });
    const code = await readFile(join(outDir, 'preload.cjs'), 'utf8');
    expect([...code.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1])).toEqual([
      'electron',
    ]);
    // Only the channel lists and the bridge: no zod, no schemas.
    expect(code.length).toBeLessThan(8_000);
    expect(code).not.toMatch(/safeParse|strictObject|ZodError/);

    const exposed = new Map<string, unknown>();
    const sent: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          sent.push(args);
          return Promise.resolve({ ok: true, result: null });
        },
        on: () => undefined,
        removeListener: () => undefined,
      },
      webUtils: { getPathForFile: () => '/dropped' },
    };
    const sandboxRequire = (name: string) => {
      if (name === 'electron') return electron;
      throw new Error(`module not found: ${name}`);
    };
    runInNewContext(code, { require: sandboxRequire, module: { exports: {} }, exports: {} });

    expect([...exposed.keys()]).toEqual(['ferry']);
    const api = exposed.get('ferry') as PreloadApi<File>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on', 'pathForFile']);
    await expect(api.invoke('folders:pause', {})).resolves.toEqual({ ok: true, result: null });
    await expect(api.invoke('shell:open' as never, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(sent).toEqual([['folders:pause', {}]]);
  });
});
