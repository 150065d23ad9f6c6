import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

import { keyRulesFor, type ProviderName } from '../../app/config/providers/provider-presets.js';
import type { FerryConfig } from '../../app/config/schema.js';
import { RefreshSchedulers } from '../../app/credentials/refresh-scheduler.js';
import { TokenLifeGuard } from '../../app/credentials/token-life-guard.js';
import {
  assembleEngine,
  type EngineOptions,
  type ProfileBinding,
} from '../../app/engine/engine-assembly.js';
import { SyncEngine } from '../../app/engine/sync-engine.js';
import { processSecrets } from '../../app/logging/redact.js';
import type { FileWatcher } from '../../app/ports/file-watcher.js';
import type { Journal } from '../../app/ports/journal.js';
import type { Logger } from '../../app/ports/logger.js';
import type { SecretStore } from '../../app/ports/secret-store.js';
import type { FolderSpec } from '../../app/sync/folder-spec.js';
import { wholeBucketWarning } from '../../app/sync/whole-bucket.js';
import { openSqliteJournal } from '../adapters/journal/sqlite-journal.js';
import { preparePrivateDir, tightenIfPresent } from '../adapters/system/private-files.js';
import { JsonLinesLogger } from '../adapters/system/json-lines-logger.js';
import { StateDirLock } from '../adapters/system/state-dir-lock.js';
import { proxySettings } from '../adapters/network/proxy-agents.js';
import { NodeFileSystem } from '../adapters/fs/node-file-system.js';
import { nodeDigest } from '../adapters/digest/node-digest.js';
import { systemClock } from '../adapters/system/system-clock.js';
import { selectWatcher } from '../adapters/watcher/select-watcher.js';
import { defaultStateDir } from '../config/app-paths.js';
import { nodeBackgroundWait } from '../adapters/system/background-wait.js';
import { createProfileBroker } from './profile-sources.js';
import { createProfileStore } from './stores.js';

/** Safety limits of mirror mode: more deletes than both of these at once need confirmation. */
const MASS_DELETE_COUNT = 50;
const MASS_DELETE_FRACTION = 0.25;

export interface ComposeOptions {
  readonly secrets: SecretStore;
  /** `--once`: fail on a fatal credential error instead of waiting for the user to fix it. */
  readonly once: boolean;
  /** Where log lines go; default: `<stateDir>/ferry.log`. */
  readonly logWrite?: (line: string) => void;
  /** `ferry status`, `--dry-run`: look without syncing, so another running engine is fine. */
  readonly readOnly?: boolean;
}

export interface Composition {
  readonly engine: SyncEngine;
  readonly journal: Journal;
  readonly profiles: ReadonlyMap<string, ProfileBinding>;
  readonly folders: readonly FolderSpec[];
  readonly stateDir: string;
  readonly logger: Logger;
  close(): Promise<void>;
}

/** The provider of a folder's profile (the schema guarantees the profile exists). */
function providerOf(config: FerryConfig, profileId: string): ProviderName {
  return config.profiles.find((profile) => profile.id === profileId)?.provider ?? 's3';
}

/** The watcher is chosen, and @parcel/watcher's native module loaded (~0.1–0.3 s), at the first
 *  watch: `sync --once`, `--dry-run` and `status` never watch (issue 15, cold start). */
function chosenOnFirstWatch(select: () => FileWatcher): FileWatcher {
  let chosen: FileWatcher | undefined;
  return { watch: (root, options) => (chosen ??= select()).watch(root, options) };
}

/** The composition root (DESIGN.md §6): every adapter is built here and nowhere else. */
export function compose(config: FerryConfig, options: ComposeOptions): Composition {
  const stateDir = config.stateDir ?? defaultStateDir();
  // 0700 and ours (a pre-existing one is tightened; another user's is refused), log 0600.
  preparePrivateDir(stateDir);
  tightenIfPresent(join(stateDir, 'ferry.log'));
  const lock = options.readOnly ? undefined : StateDirLock.acquire(stateDir);
  // The process's one registry: what the log hides, the UI and the CLI hide too.
  const registry = processSecrets;
  const logFile = options.logWrite
    ? undefined
    : createWriteStream(join(stateDir, 'ferry.log'), { flags: 'a', mode: 0o600 });
  // A line logged after close() (a late upload or scan of a closed session) is dropped: a write
  // after end() is an 'error' event on the stream, which nothing handles, ending the process.
  let logEnded = false;
  const logger = new JsonLinesLogger({
    write: options.logWrite ?? ((line) => (logEnded ? undefined : logFile?.write(line))),
    secrets: registry,
  });
  const journal = openSqliteJournal(join(stateDir, 'journal.sqlite'));

  const proxy = proxySettings(config.proxy);
  const maxSockets = config.transfers.concurrency * config.transfers.partConcurrency;
  const profiles = new Map<string, ProfileBinding>();
  const usedProfiles = new Set(config.folders.map((folder) => folder.profile));
  for (const profile of config.profiles.filter((p) => usedProfiles.has(p.id))) {
    const broker = createProfileBroker(config, profile, {
      secrets: options.secrets,
      clock: systemClock,
      proxy,
      registry,
      logger,
    });
    profiles.set(profile.id, {
      broker,
      // A part that could outlive its token starts after a refresh (issue 12, item 5).
      store: new TokenLifeGuard({
        store: createProfileStore(profile, broker, proxy, maxSockets),
        broker,
        clock: systemClock,
        logger,
        label: profile.id,
        onWarning: (bucket, key, note) => engine.noteForObject(bucket, key, note),
      }),
    });
  }

  const folders: FolderSpec[] = config.folders.map((folder) => ({
    id: folder.id,
    root: folder.path,
    profileId: folder.profile,
    bucket: folder.bucket,
    prefix: folder.prefix,
    mode: folder.mode,
    ignore: folder.ignore,
    remoteListing: folder.remoteListing,
    // One pass sees a snapshot: in `--once` a file gone now is gone (the safety checks remain).
    deleteDelayMs: options.once ? 0 : folder.deleteDelaySeconds * 1000,
    // The provider's key rules (OSS: 1–1023 bytes, no leading "/" or "\"), from its preset.
    keyRules: keyRulesFor(providerOf(config, folder.profile)),
  }));

  for (const folder of folders) {
    const warning = wholeBucketWarning(folder);
    if (warning) logger.warn(warning, { folder: folder.id });
  }

  const engineOptions: EngineOptions = {
    concurrency: config.transfers.concurrency,
    partSize: config.transfers.partSize,
    partConcurrency: config.transfers.partConcurrency,
    bandwidthLimit: config.transfers.bandwidthLimit,
    // A fresh file is taken once unmodified for 200 ms by its mtime; one seen written again
    // meanwhile must then hold still for 4× the gap seen, 1 s at most (stable-stat.ts). Was
    // 150 ms counted from the first look, after the watcher's ~100 ms (issue 15). A file written
    // without pause is 'busy' after 15 looks ≤ 200 ms apart: ~3 s, as 20 × 150 ms was.
    stability: { settleMs: 1_000, quietMs: 200, maxProbes: 15 },
    maxAttempts: 6,
    backoff: { baseMs: 1_000, maxMs: 60_000 },
    failOnFatalCredentials: options.once,
    maxRequeues: 5,
    // `--once` has no later scan: a file still being written gets ~10 s more to hold still, then
    // fails "still changing" (exit 1); watching, it stays pending until it settles (issue 11).
    finalSettleWaitMs: options.once ? 10_000 : null,
    massDeleteCount: MASS_DELETE_COUNT,
    massDeleteFraction: MASS_DELETE_FRACTION,
    rescanIntervalMs: 60 * 60_000,
    fallbackRescanMs: 60_000,
    // @parcel/watcher itself holds events until 50 ms pass without another, so its batches go
    // on at once (parcel-watcher.ts); it was 100, which added 50 ms to every change (issue 15).
    watchBatchMs: 50,
  };
  // The engine's parts are built here too, by the pure assembly (engine-assembly.ts).
  const engine = new SyncEngine(
    assembleEngine(
      {
        fs: new NodeFileSystem(),
        watcher: chosenOnFirstWatch(() =>
          selectWatcher({ logger, preference: process.env['FERRY_WATCHER'] }),
        ),
        journal,
        digest: nodeDigest,
        clock: systemClock,
        random: Math.random,
        logger,
        profiles,
      },
      folders,
      engineOptions,
    ),
  );
  // Tokens stay fresh whether or not anything uploads (issue 12): each profile on its own
  // schedule from now until close(). A read-only look (status, --dry-run) needs no schedule.
  const refresh = new RefreshSchedulers(
    [...profiles.values()].map((binding) => binding.broker),
    systemClock,
    nodeBackgroundWait,
  );
  if (!options.readOnly) refresh.start();
  return {
    engine,
    journal,
    profiles,
    folders,
    stateDir,
    logger,
    close: async () => {
      await refresh.stop();
      // Nothing new starts, waits end, running transfers settle (or are let go) first: only then
      // may the journal close, since a transfer ending later would write to it (sync-engine.ts).
      await engine.stop();
      journal.close();
      lock?.release();
      logEnded = true;
      await new Promise<void>((resolve) => (logFile ? logFile.end(resolve) : resolve()));
    },
  };
}
