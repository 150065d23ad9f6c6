import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { describe, expect, it } from 'vitest';

import { installRoot } from '../../../../main/cli/install-root.js';
import { ferryVersion } from '../../../../main/cli/version.js';

/** A fake install: <root>/package.json named ferry, and `files` (relative path → contents). */
async function install(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ferry-install-root-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

const at = (root: string, path: string) => pathToFileURL(join(root, path)).href;

describe("installRoot: the folder with Ferry's package.json, whatever depth the code runs at", () => {
  it('is found from the compiled tree, the bundle entry and a bundle chunk alike', async () => {
    const root = await install({ 'package.json': '{"name":"ferry","version":"9.8.7"}' });
    expect(installRoot(at(root, 'out/main/cli/version.js'))).toBe(root);
    expect(installRoot(at(root, 'out/cli/ferry.js'))).toBe(root);
    expect(installRoot(at(root, 'out/cli/chunks/serve.js'))).toBe(root);
  });

  it("passes over another package's manifest (a build folder's) on the way up", async () => {
    const root = await install({
      'package.json': '{"name":"ferry"}',
      'out/package.json': '{"type":"module","private":true}',
      'out/cli/package.json': 'not json',
    });
    expect(installRoot(at(root, 'out/cli/ferry.js'))).toBe(root);
  });

  it('is null when no Ferry package.json is above the file', async () => {
    const root = await install({ 'package.json': '{"name":"not-ferry"}' });
    expect(installRoot(at(root, 'out/cli/ferry.js'))).toBeNull();
  });

  it("gives this checkout's version to `ferry --version`", async () => {
    const manifest = JSON.parse(
      await readFile(join(import.meta.dirname, '../../../../package.json'), 'utf8'),
    ) as { version: string };
    expect(ferryVersion()).toBe(manifest.version);
  });
});
