import type { ProfileView, TransferView } from '../../../../../app/ipc/views.js';

/** A transfer row with sensible defaults; tests override what they look at. */
export function transfer(overrides: Partial<TransferView> & { id: number }): TransferView {
  return {
    folderId: 'docs',
    relativePath: `file-${overrides.id}.txt`,
    kind: 'upload',
    origin: 'sync',
    drop: null,
    size: 1_000,
    bytesDone: 0,
    state: 'queued',
    retryAt: null,
    error: null,
    note: null,
    partsReused: 0,
    startedAt: null,
    finishedAt: null,
    ...overrides,
  };
}

export function profile(
  id: string,
  status: Partial<ProfileView['status']> = {},
  overrides: Partial<ProfileView> = {},
): ProfileView {
  return {
    id,
    provider: 's3',
    endpoint: 'https://rgw.example',
    region: null,
    source: 'assume-role',
    sourceDetail: 'arn:aws:iam:::role/ferry',
    secretStored: true,
    status: {
      state: 'valid',
      expiresAt: null,
      nextRefreshAt: null,
      lastRefreshAt: null,
      lastError: null,
      retryAt: null,
      ...status,
    },
    ...overrides,
  };
}
