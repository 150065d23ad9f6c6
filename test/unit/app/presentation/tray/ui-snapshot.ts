import type { CredentialStatus } from '../../../../../app/credentials/credential-broker.js';
import type {
  FolderView,
  ProfileView,
  TransferView,
  UiSnapshot,
} from '../../../../../app/ipc/views.js';

/** Test builders for the UI's views: a quiet, set-up desktop snapshot unless told otherwise. */

export const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

export function aSnapshot(overrides: Partial<UiSnapshot> = {}): UiSnapshot {
  return {
    generatedAt: NOW,
    host: 'desktop',
    configPath: '/home/ann/.config/Ferry/config.yaml',
    setupNeeded: false,
    configError: null,
    pausedAll: false,
    folders: [aFolder()],
    profiles: [aProfile()],
    totals: { queued: 0, active: 0, waiting: 0, failed: 0, done: 0, bytesPerSecond: 0 },
    trayState: 'idle',
    settings: { startAtLogin: false },
    ...overrides,
  };
}

export function aFolder(overrides: Partial<FolderView> = {}): FolderView {
  return {
    id: 'docs',
    path: '/home/ann/Documents',
    profileId: 'lab',
    bucket: 'ann',
    prefix: 'docs/',
    mode: 'upload',
    state: 'watching',
    pausedByUser: false,
    pauseReason: null,
    lastScanAt: NOW - 60_000,
    lastError: null,
    counts: { files: 10, queued: 0, active: 0, failed: 0, skipped: 0 },
    problems: [],
    ...overrides,
  };
}

export function aProfile(
  id = 'lab',
  status: Partial<CredentialStatus> = {},
  overrides: Partial<ProfileView> = {},
): ProfileView {
  return {
    id,
    provider: 's3',
    endpoint: 'https://s3.example.test',
    region: 'us-east-1',
    source: 'assume-role',
    sourceDetail: 'arn:aws:iam::123:role/ferry',
    secretStored: true,
    status: {
      state: 'valid',
      expiresAt: NOW + 50 * 60_000,
      nextRefreshAt: NOW + 40 * 60_000,
      lastRefreshAt: NOW - 10 * 60_000,
      lastError: null,
      retryAt: null,
      ...status,
    },
    ...overrides,
  };
}

export function aTransfer(
  id: number,
  relativePath: string,
  overrides: Partial<TransferView> = {},
): TransferView {
  return {
    id,
    folderId: 'docs',
    relativePath,
    kind: 'upload',
    origin: 'sync',
    drop: null,
    size: 100,
    bytesDone: 100,
    state: 'done',
    retryAt: null,
    error: null,
    note: null,
    partsReused: 0,
    startedAt: NOW - 2_000,
    finishedAt: NOW - 1_000,
    ...overrides,
  };
}
