#!/usr/bin/env node
import { parseArgs } from 'node:util';

import { isSyncError, toSyncError } from '../../app/errors/sync-error.js';
import { EnvOverlaySecretStore } from '../adapters/secrets/env-overlay-secret-store.js';
import { KeytarSecretStore } from '../adapters/secrets/keytar-secret-store.js';
import type { UploadLimits } from '../serve/upload-limits.js';
import { checkCommand, type CommandIo } from './commands/check.js';
import { redactProcessOutput } from './redacting-output.js';
import { secretDeleteCommand, secretSetCommand } from './commands/secret.js';
import { DEFAULT_SERVE_PORT, parseByteSize, serveCommand } from './commands/serve.js';
import { statusCommand } from './commands/status.js';
import { syncCommand } from './commands/sync.js';

const USAGE = `Usage:
  ferry sync --config FILE [--once] [--json] [--dry-run] [--confirm-deletes]
                                     sync the configured folders: watch and upload until
                                     stopped, or with --once scan, upload and exit
  ferry status --config FILE [--json]
                                     per folder: files synced, pending and failed
  ferry serve --config FILE [--port N] [--max-upload-bytes SIZE] [--max-staging-bytes SIZE]
              [--max-concurrent-uploads N]
                                     the engine plus the app's UI in a browser: serves on
                                     127.0.0.1 (default port 7421) and prints the URL with
                                     its access token; files dropped in the browser are capped
                                     (defaults 5GiB each, 20GiB waiting, 4 at once)
  ferry check --config FILE          validate the config, get a token for every profile, show
                                     each token's expiry and the session policy in use
  ferry secret set PROFILE_ID --config FILE
                                     store a profile's secret in the OS keychain (from stdin),
                                     bound to the profile's source, key id and endpoint: a
                                     config change of any of them needs the secret again
  ferry secret delete PROFILE_ID     remove it

Secrets can also come from FERRY_SECRET_<PROFILE_ID> (upper-cased, non-alphanumerics as "_").
Exit codes: 0 ok, 1 some files failed, 2 configuration or credential problem, 64 usage error.
`;

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
  if (values.help || command === undefined || command === 'help') {
    io.out(USAGE);
    return command === undefined && !values.help ? 64 : 0;
  }
  const keychain = new KeytarSecretStore();
  if (command === 'check') {
    if (!values.config) return usage('check needs --config FILE');
    return checkCommand(values.config, new EnvOverlaySecretStore(keychain), io);
  }
  if (command === 'sync' || command === 'status') {
    if (!values.config) return usage(`${command} needs --config FILE`);
    const secrets = new EnvOverlaySecretStore(keychain);
    if (command === 'status') {
      return statusCommand(values.config, values.json === true, secrets, io);
    }
    const flags = {
      config: values.config,
      once: values.once === true,
      json: values.json === true,
      dryRun: values['dry-run'] === true,
      confirmDeletes: values['confirm-deletes'] === true,
    };
    return syncCommand(flags, secrets, io);
  }
  if (command === 'serve') {
    if (!values.config) return usage('serve needs --config FILE');
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
      { config: values.config, port, limits },
      new EnvOverlaySecretStore(keychain),
      io,
    );
  }
  if (command === 'secret' && (sub === 'set' || sub === 'delete')) {
    if (!profileId) return usage(`secret ${sub} needs a PROFILE_ID`);
    if (sub === 'delete') return secretDeleteCommand(profileId, keychain, io);
    if (!values.config) {
      return usage('secret set needs --config FILE (the secret is bound to the profile in it)');
    }
    return secretSetCommand(profileId, values.config, keychain, io);
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
