import { readFileSync } from 'node:fs';

/**
 * Ferry's version, from package.json (built into out/main/cli/, three folders below the root;
 * the packaged app ships package.json beside out/, electron-builder.yml "files").
 */
export function ferryVersion(): string {
  const url = new URL('../../../package.json', import.meta.url);
  const { version } = JSON.parse(readFileSync(url, 'utf8')) as { version?: unknown };
  return typeof version === 'string' ? version : 'unknown';
}
