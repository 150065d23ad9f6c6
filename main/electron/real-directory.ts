import { realpath, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';

/**
 * The real path of `path` when it is an existing directory; null otherwise. `shell.openPath`
 * hands a file to its default application, which for a script or a .desktop file means running
 * it: Ferry only ever opens folders, by their resolved path.
 */
export async function realDirectory(path: string): Promise<string | null> {
  if (!isAbsolute(path)) return null;
  try {
    const real = await realpath(path);
    return (await stat(real)).isDirectory() ? real : null;
  } catch {
    return null;
  }
}
