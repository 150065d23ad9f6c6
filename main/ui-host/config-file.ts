import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';

import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

import { parseConfig } from '../../app/config/parse-config.js';
import { SyncError } from '../../app/errors/sync-error.js';
import { readConfigText } from '../config/read-config-text.js';

/** The config file as a document the UI can edit (no secrets live in it by design). */
export async function readConfigDocument(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readConfigText(path); // refuses a file over 1 MiB before parsing it
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return isJson(path) ? JSON.parse(text) : parseYaml(text);
}

/**
 * Validates the document with the same schema as `ferry sync`, then replaces the file
 * atomically (temp file + rename: a crash leaves the old file or the new one, never half). The
 * previous version is kept as `<file>.bak`, since comments in a hand-written YAML file do not
 * survive a rewrite from the form.
 */
export async function saveConfigDocument(path: string, document: unknown): Promise<void> {
  parseConfig(document, path); // throws config-invalid listing every problem by its path
  if (!['.yaml', '.yml', '.json'].includes(extname(path).toLowerCase())) {
    throw new SyncError(
      'config-invalid',
      'fatal',
      `${path}: the config file must end in .yaml, .yml or .json.`,
    );
  }
  const text = isJson(path)
    ? `${JSON.stringify(document, null, 2)}\n`
    : `# Ferry configuration (written by the Ferry app; the previous version is in ${path}.bak)\n${stringifyYaml(document)}`;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await backUp(path);
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: 0o600 });
  await rename(temporary, path);
}

/**
 * Keeps the previous file as `<file>.bak`, readable by the owner only (0600) whatever mode the
 * old file or an old `.bak` had: copyFile would carry the source's mode over, and a config names
 * buckets, roles and access key ids (issue 11). Written to a fresh 0600 temp file and renamed, so
 * no copy ever exists with looser bits, not even for a moment.
 */
async function backUp(path: string): Promise<void> {
  let previous: Buffer;
  try {
    previous = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const temporary = `${path}.bak.${process.pid}.tmp`;
  await rm(temporary, { force: true });
  try {
    await writeFile(temporary, previous, { mode: 0o600, flag: 'wx' });
    await rename(temporary, `${path}.bak`);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function isJson(path: string): boolean {
  return extname(path).toLowerCase() === '.json';
}
