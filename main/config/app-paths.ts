import { homedir } from 'node:os';
import { join } from 'node:path';

/** The OS's place for application data: the journal and the log live there by default. */
export function defaultStateDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Ferry');
  if (platform === 'win32') {
    return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Ferry');
  }
  return join(env['XDG_DATA_HOME'] || join(homedir(), '.local', 'share'), 'ferry');
}
