import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';

import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

import { parseConfig } from '../../app/config/parse-config.js';
import { SyncError } from '../../app/errors/sync-error.js';

/** The config file as a document the UI can edit (no secrets live in it by design). */
export async function readConfigDocument(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
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
  await copyFile(path, `${path}.bak`).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: 0o600 });
  await rename(temporary, path);
}

function isJson(path: string): boolean {
  return extname(path).toLowerCase() === '.json';
}
