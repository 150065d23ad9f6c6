import { stat } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';

/** '/'-separated path of `path` below `root`; '' for the root; undefined outside it. */
export function relativeToRoot(root: string, path: string): string | undefined {
  const relativePath = relative(root, path);
  if (relativePath === '..' || relativePath.startsWith(`..${sep}`) || isAbsolute(relativePath)) {
    return undefined;
  }
  return sep === '/' ? relativePath : relativePath.split(sep).join('/');
}

/** Whether the watched root is still a directory we can see (not removed, not unmounted). */
export async function rootStillThere(root: string): Promise<boolean> {
  try {
    return (await stat(root)).isDirectory();
  } catch {
    return false; // missing, or no longer ours to read: either way the watch is blind
  }
}
