#!/usr/bin/env node
// First: sets the AWS SDK's switch before any SDK module is loaded.
import './silence-sdk-warning.js';

import { parseArgs } from 'node:util';

import { isSyncError, toSyncError } from '../../app/errors/sync-error.js';
import { EnvOverlaySecretStore } from '../adapters/secrets/env-overlay-secret-store.js';
import { KeytarSecretStore } from '../adapters/secrets/keytar-secret-store.js';
import { SessionMemorySecretStore } from '../adapters/secrets/session-memory-secret-store.js';
import type { UploadLimits } from '../web/upload-limits.js';
import type { CommandIo } from './commands/check.js';
import { commandHelp, USAGE } from './command-help.js';
import { chooseConfig, configPathFor } from './default-config-path.js';
import { redactProcessOutput } from './redacting-output.js';
import { ferryVersion } from './version.js';

// Each command's module is imported when that command runs (issue 15, cold start): `--version`
// and `help` load none of them, and `sync` loads neither the web server nor the UI host. The
// commands load their SDKs, SQLite and the watcher the same way, where they are used;
// test/integration/cli/cold-start-modules.test.ts holds each command to what it may load.

// Before anything is printed: every byte to stdout and stderr passes the redactor.
const output = redactProcessOutput();

const io: CommandIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  outVerbatim: output.stdoutVerbatim,
};

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'V' },
      once: { type: 'boolean' },
      json: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      'confirm-deletes': { type: 'boolean' },
      port: { type: 'string' },
      'max-upload-bytes': { type: 'string' },
      'max-staging-bytes': { type: 'string' },
      'max-concurrent-uploads': { type: 'string' },
    },
    allowPositionals: true,
  });
  const [command, sub, profileId] = positionals;
  if (values.version || command === 'version') {
    io.out(`ferry ${ferryVersion()}\n`);
    return 0;
  }
  if (command === 'help' || (values.help && command !== undefined)) {
    // `ferry help sync`, `ferry sync --help`; `ferry help` alone is the overview.
    const topic = command === 'help' ? sub : command;
    if (topic === undefined) {
      io.out(USAGE);
      return 0;
    }
    const page = commandHelp(topic);
    if (page === null) return usage(`no help for "${topic}": it is not a ferry command`);
    io.out(page);
    return 0;
  }
  if (values.help || command === undefined) {
    io.out(USAGE);
    return command === undefined && !values.help ? 64 : 0;
  }
  const keychain = new KeytarSecretStore();
  if (command === 'check') {
    const { checkCommand } = await import('./commands/check.js');
    return checkCommand(configPathFor(values.config), new EnvOverlaySecretStore(keychain), io);
  }
  if (command === 'sync' || command === 'status') {
    const config = configPathFor(values.config);
    const secrets = new EnvOverlaySecretStore(keychain);
    if (command === 'status') {
      const { statusCommand } = await import('./commands/status.js');
      return statusCommand(config, values.json === true, secrets, io);
    }
    const flags = {
      config,
      once: values.once === true,
      json: values.json === true,
      dryRun: values['dry-run'] === true,
      confirmDeletes: values['confirm-deletes'] === true,
    };
    const { syncCommand } = await import('./commands/sync.js');
    return syncCommand(flags, secrets, io);
  }
  if (command === 'serve') {
    const { DEFAULT_SERVE_PORT, parseByteSize, serveCommand } = await import('./commands/serve.js');
    const port = values.port === undefined ? DEFAULT_SERVE_PORT : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) {
      return usage(`--port must be a port number (0–65535), not "${values.port}"`);
    }
    const limits: { -readonly [K in keyof UploadLimits]?: number } = {};
    for (const [flag, key, parse] of [
      ['max-upload-bytes', 'maxUploadBytes', parseByteSize],
      ['max-staging-bytes', 'maxStagingBytes', parseByteSize],
      ['max-concurrent-uploads', 'maxConcurrentUploads', parseCount],
    ] as const) {
      const text = values[flag];
      if (text === undefined) continue;
      const value = parse(text);
      if (value === null) return usage(`--${flag} must be a positive size or count, not "${text}"`);
      limits[key] = value;
    }
    return serveCommand(
      // No existence check: with no config yet, the page offers the first-run setup and writes
      // it, at the same place the desktop app would.
      { config: chooseConfig(values.config).path, port, limits },
      // No keychain (a headless server): a secret entered in the browser lives in memory.
      new EnvOverlaySecretStore(new SessionMemorySecretStore(keychain)),
      io,
    );
  }
  if (command === 'secret' && (sub === 'set' || sub === 'delete')) {
    if (!profileId) return usage(`secret ${sub} needs a PROFILE_ID`);
    const { secretDeleteCommand, secretSetCommand } = await import('./commands/secret.js');
    if (sub === 'delete') return secretDeleteCommand(profileId, keychain, io);
    // The secret is bound to the profile in the config: the same default as every command.
    return secretSetCommand(profileId, configPathFor(values.config), keychain, io);
  }
  return usage(`unknown command "${positionals.join(' ')}"`);
}

function parseCount(text: string): number | null {
  const value = Number(text);
  return /^\d+$/.test(text) && Number.isSafeInteger(value) && value > 0 ? value : null;
}

function usage(problem: string): number {
  io.err(`ferry: ${problem}\n\n${USAGE}`);
  return 64;
}

/** Exits once stdout and stderr are flushed: long sleeps (hourly rescans, backoffs) must not
 *  keep a finished command alive. */
function exit(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(process.argv.slice(2)).then(
  (code) => exit(code),
  (error: unknown) => {
    if (
      error instanceof TypeError &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS')
    ) {
      exit(usage(error.message));
      return;
    }
    const problem = isSyncError(error) ? error : toSyncError(error);
    io.err(`ferry: ${problem.describe()}\n`);
    exit(problem.code === 'internal' ? 1 : 2);
  },
);
