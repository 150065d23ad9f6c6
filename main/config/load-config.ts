import { homedir } from 'node:os';
import { extname, resolve } from 'node:path';

import { parseConfig } from '../../app/config/parse-config.js';
import type { FerryConfig } from '../../app/config/schema.js';
import { isSyncError, SyncError } from '../../app/errors/sync-error.js';
import { readConfigText } from './read-config-text.js';

/** Reads a YAML (.yml/.yaml) or JSON (.json) config file and validates it. */
export async function loadConfig(path: string): Promise<FerryConfig> {
  const extension = extname(path).toLowerCase();
  if (!['.yml', '.yaml', '.json'].includes(extension)) {
    throw new SyncError(
      'config-invalid',
      'fatal',
      `${path}: the config file must end in .yaml, .yml or .json.`,
      {
        hint: 'Rename the file; Ferry picks the parser by extension.',
      },
    );
  }
  let text: string;
  try {
    text = await readConfigText(path); // refuses a file over 1 MiB before parsing it
  } catch (error) {
    if (isSyncError(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new SyncError(
      'config-invalid',
      'fatal',
      `Cannot read the config file ${path} (${code}).`,
      {
        hint:
          code === 'ENOENT' ? 'Check the path given to --config.' : 'Check the file permissions.',
        cause: error,
      },
    );
  }
  // yaml is ~230 modules: loaded only for a YAML file (issue 15, cold start), before the parse
  // below so that its errors stay the only ones reported as "not valid YAML".
  const yaml = extension === '.json' ? undefined : await import('yaml');
  let document: unknown;
  try {
    document = yaml ? yaml.parse(text, { prettyErrors: true }) : JSON.parse(text);
  } catch (error) {
    throw new SyncError(
      'config-invalid',
      'fatal',
      `${path} is not valid ${extension === '.json' ? 'JSON' : 'YAML'}: ${error instanceof Error ? error.message : String(error)}`,
      {
        hint: 'Fix the syntax at the position shown.',
      },
    );
  }
  const config = parseConfig(document, path);
  return {
    ...config,
    folders: config.folders.map((folder) => ({ ...folder, path: expandHome(folder.path) })),
    ...(config.stateDir ? { stateDir: expandHome(config.stateDir) } : {}),
  };
}

/** "~/Documents" → "/home/alice/Documents"; relative paths stay relative to the working dir. */
export function expandHome(path: string): string {
  if (path === '~') return homedir();
  if (path.startsWith('~/')) return resolve(homedir(), path.slice(2));
  return resolve(path);
}
