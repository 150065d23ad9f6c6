import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding Ferry's own package.json, found by walking up from the running file. Not a
 * fixed `../..`: the same module runs from the compiled tree (out/main/cli/…, three folders
 * below the root) and from the CLI bundle (out/cli/ or out/cli/chunks/,
 * main/cli/cli-bundle.vite.config.ts), where it may land in the entry or in any chunk. The name
 * is checked so that a stray package.json on the way (a build folder's) is passed over.
 */
export function installRoot(from: string = import.meta.url): string | null {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readManifest(manifest)?.name === 'ferry') return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Ferry's package.json, or null when it cannot be found or read. */
export function readManifest(path: string): { name?: unknown; version?: unknown } | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown; version?: unknown };
  } catch {
    return null;
  }
}
