import { open } from 'node:fs/promises';

import { SyncError } from '../../app/errors/sync-error.js';

/**
 * The largest config file Ferry reads. A real config is a few KiB; the YAML parser's duplicate-key
 * check is quadratic in the number of keys of one mapping (a 2.9 MB file of 100,000 keys took
 * over 60 s to be refused, issue 11), so anything this big is refused before it is parsed.
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads a config file as UTF-8, refusing one over MAX_CONFIG_BYTES before any parsing. Reads at
 * most one byte past the limit, so a device or a file that grows while read (size 0 in `fstat`)
 * cannot make Ferry read without end. Errors of the file system (ENOENT, EACCES) pass through.
 */
export async function readConfigText(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) {
      throw new SyncError('config-invalid', 'fatal', `${path} is a directory, not a config file.`, {
        hint: 'Give --config the path of the YAML or JSON file.',
      });
    }
    if (stat.size > MAX_CONFIG_BYTES) throw tooLarge(path, stat.size);
    const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > MAX_CONFIG_BYTES) throw tooLarge(path, length);
    return buffer.toString('utf8', 0, length);
  } finally {
    await handle.close();
  }
}

function tooLarge(path: string, bytes: number): SyncError {
  const mib = (bytes / (1024 * 1024)).toFixed(1);
  return new SyncError(
    'config-invalid',
    'fatal',
    `${path} is ${mib} MiB (${bytes} bytes or more): a Ferry config file may be at most 1 MiB, so it is refused before parsing.`,
    {
      hint: 'Point --config at the Ferry config file (a few KiB of profiles and folders); this file is far too large to be one.',
    },
  );
}
