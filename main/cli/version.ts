import { join } from 'node:path';

import { installRoot, readManifest } from './install-root.js';

/**
 * Ferry's version, from package.json at the install root (the packaged app ships package.json
 * beside out/, electron-builder.yml "files").
 */
export function ferryVersion(): string {
  const root = installRoot();
  const version = root === null ? undefined : readManifest(join(root, 'package.json'))?.version;
  return typeof version === 'string' ? version : 'unknown';
}
