import { isAbsolute, join, resolve } from 'node:path';

export interface LaunchOptions {
  /** The config file the engine uses. */
  readonly configPath: string;
  /** Started at login (or with --hidden): stay in the tray, do not show the window. */
  readonly hidden: boolean;
}

/** The flag added to the login item, so a start at login opens in the tray only. */
export const HIDDEN_FLAG = '--hidden';

/**
 * Reads the desktop app's own options from its command line: `--config FILE` (or
 * `--config=FILE`), else FERRY_CONFIG, else `config.yaml` in the app's data folder. Electron's
 * and Chromium's own switches share the command line, so unknown arguments are ignored rather
 * than refused.
 */
export function launchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  userDataDir: string,
  cwd: string,
): LaunchOptions {
  const fromArgs = configArgument(argv);
  const fromEnv = env['FERRY_CONFIG'];
  const chosen = fromArgs ?? (fromEnv ? fromEnv : undefined);
  return {
    configPath: chosen
      ? isAbsolute(chosen)
        ? chosen
        : resolve(cwd, chosen)
      : join(userDataDir, 'config.yaml'),
    hidden: argv.includes(HIDDEN_FLAG),
  };
}

function configArgument(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  argv.forEach((argument, index) => {
    if (argument.startsWith('--config=')) found = argument.slice('--config='.length) || found;
    const next = argv[index + 1];
    if (argument === '--config' && next !== undefined && !next.startsWith('--')) found = next;
  });
  return found;
}
