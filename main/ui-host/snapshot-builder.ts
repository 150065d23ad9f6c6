import { presetFor } from '../../app/config/providers/provider-presets.js';
import type { FerryConfig } from '../../app/config/schema.js';
import type { CredentialStatus } from '../../app/credentials/credential-broker.js';
import { toPathProblemView } from '../../app/ipc/path-problem-view.js';
import { trayStateOf } from '../../app/presentation/tray/tray-state.js';
import {
  countProblems,
  countTransfers,
  latestPerPath,
} from '../../app/presentation/transfer-totals.js';
import {
  PROBLEMS_SHOWN,
  type FolderView,
  type ProfileView,
  type UiSnapshot,
} from '../../app/ipc/views.js';
import type { EngineSession } from './engine-session.js';
import { folderPolicyOf } from './folder-policy.js';

const NO_TOKEN: CredentialStatus = {
  state: 'none',
  expiresAt: null,
  nextRefreshAt: null,
  lastRefreshAt: null,
  lastError: null,
  retryAt: null,
};

export interface SnapshotInputs {
  readonly now: number;
  readonly host: UiSnapshot['host'];
  readonly configPath: string | null;
  readonly config: FerryConfig | null;
  readonly configError: UiSnapshot['configError'];
  readonly session: EngineSession | null;
  readonly secretStored: ReadonlyMap<string, boolean | null>;
  readonly secretOrigins?: ReadonlyMap<string, ProfileView['secretOrigin']>;
  readonly keychainReachable?: boolean | null;
  readonly settings: UiSnapshot['settings'];
}

/** Dropped files uploaded per folder, each object key once (its newest transfer). */
function droppedPerFolder(
  transfers: Parameters<typeof latestPerPath>[0],
): ReadonlyMap<string, number> {
  const counts = new Map<string, number>();
  for (const transfer of latestPerPath(transfers)) {
    if (transfer.drop && transfer.state === 'done') {
      counts.set(transfer.folderId, (counts.get(transfer.folderId) ?? 0) + 1);
    }
  }
  return counts;
}

/** Everything the UI shows, from the engine's state; no key or token can get in here. */
export function buildSnapshot(inputs: SnapshotInputs): UiSnapshot {
  const { session, config, now } = inputs;
  const engine = session?.composition.engine;
  const transfers = engine?.transfers() ?? [];
  const counts = countTransfers(transfers);
  const snapshots = engine?.folderSnapshots() ?? [];
  // Scan problems (unreadable, bad names, special files) are not transfers: counted beside them.
  const scanned = new Map(snapshots.map((folder) => [folder.id, countProblems(folder.problems)]));
  const dropped = droppedPerFolder(transfers);
  const folders: FolderView[] = snapshots.map((folder) => {
    // A folder being checked again ("sync now" on a blocked one) shows that, not the old error.
    const checking = session?.isChecking(folder.id) ?? false;
    const blocked = checking ? null : (session?.blockOf(folder.id) ?? null);
    return {
      id: folder.id,
      path: folder.root,
      profileId: config?.folders.find((f) => f.id === folder.id)?.profile ?? '',
      bucket: folder.bucket,
      prefix: folder.prefix,
      mode: folder.mode,
      // A folder whose preflight failed was never started: its error, not "paused".
      state: checking ? 'checking' : blocked ? 'error' : folder.state,
      pausedByUser: !blocked && (engine?.isPaused(folder.id) ?? false),
      pauseReason: folder.pauseReason,
      lastScanAt: folder.lastScanAt,
      lastError: blocked?.message ?? folder.lastError,
      counts: {
        // Not read yet is not "0 files"; drops go to the bucket, not the folder: counted apart.
        files: folder.lastScanAt === null ? null : (session?.filesIn(folder.id) ?? 0),
        dropped: dropped.get(folder.id) ?? 0,
        queued: counts.byFolder.get(folder.id)?.queued ?? 0,
        active: counts.byFolder.get(folder.id)?.active ?? 0,
        failed:
          (counts.byFolder.get(folder.id)?.failed ?? 0) + (scanned.get(folder.id)?.failed ?? 0),
        skipped: scanned.get(folder.id)?.skipped ?? 0,
      },
      problems: folder.problems.slice(0, PROBLEMS_SHOWN).map(toPathProblemView),
      blocked,
      policy: config ? folderPolicyOf(config, folder.id) : null,
    };
  });
  const bindings = session?.composition.profiles;
  const profiles: ProfileView[] = (config?.profiles ?? []).map((profile) => {
    const credentials = profile.credentials;
    return {
      id: profile.id,
      // The view knows the API family (S3 or OSS), not the preset name.
      provider: presetFor(profile.provider).api,
      endpoint: profile.endpoint ?? null,
      region: profile.region ?? null,
      source: credentials.source,
      sourceDetail: credentials.source === 'vendor' ? credentials.url : credentials.roleArn,
      secretStored: inputs.secretStored.get(profile.id) ?? null,
      secretOrigin: inputs.secretOrigins?.get(profile.id) ?? null,
      status: bindings?.get(profile.id)?.broker.status() ?? NO_TOKEN,
    };
  });
  const pausedAll = engine?.isPaused() ?? false;
  const totals = {
    ...counts.totals,
    failed: counts.totals.failed + [...scanned.values()].reduce((sum, c) => sum + c.failed, 0),
    // Nothing uploading: 0, not the last few seconds' tail (issue 13: "8.4 MB/s" at rest).
    bytesPerSecond: counts.totals.active > 0 ? (session?.meter.bytesPerSecond(now) ?? 0) : 0,
  };
  const usedProfiles = new Set(folders.map((folder) => folder.profileId));
  return {
    generatedAt: now,
    host: inputs.host,
    configPath: inputs.configPath,
    setupNeeded: inputs.configError === null && (config === null || config.folders.length === 0),
    configError: inputs.configError,
    pausedAll,
    folders,
    profiles,
    totals,
    trayState: trayStateOf({
      now,
      pausedAll,
      folders,
      credentials: profiles.filter((p) => usedProfiles.has(p.id)).map((p) => p.status),
      totals,
      configError: inputs.configError !== null,
    }),
    settings: inputs.settings,
    keychainReachable: inputs.keychainReachable ?? null,
  };
}
