import { describe, expect, it } from 'vitest';

import type { CredentialStatus } from '../../../../../app/credentials/credential-broker.js';
import {
  folderStatusOf,
  trayStateOf,
  type FolderStatusInputs,
  type TrayInputs,
} from '../../../../../app/presentation/tray/tray-state.js';

const NOW = Date.UTC(2026, 10, 22, 12);
const MINUTE = 60_000;

const token = (overrides: Partial<CredentialStatus> = {}): CredentialStatus => ({
  state: 'valid',
  expiresAt: NOW + 60 * MINUTE,
  nextRefreshAt: NOW + 55 * MINUTE,
  lastRefreshAt: NOW - 5 * MINUTE,
  lastError: null,
  retryAt: null,
  ...overrides,
});

const folder = (
  state: TrayInputs['folders'][number]['state'],
  lastError: string | null = null,
) => ({
  state,
  lastError,
  pausedByUser: state === 'paused',
});

const idle = { active: 0, queued: 0, waiting: 0, failed: 0 };

function inputs(overrides: Partial<TrayInputs>): TrayInputs {
  return {
    now: NOW,
    pausedAll: false,
    folders: [folder('watching')],
    credentials: [token()],
    totals: idle,
    ...overrides,
  };
}

describe('trayStateOf', () => {
  it.each<[string, Partial<TrayInputs>, string]>([
    ['nothing to do', {}, 'idle'],
    ['uploads running', { totals: { ...idle, active: 2 } }, 'syncing'],
    ['a folder scanning', { folders: [folder('scanning')] }, 'syncing'],
    ['transfers waiting for a retry', { totals: { ...idle, waiting: 1 } }, 'syncing'],
    ['all paused by the user', { pausedAll: true, totals: { ...idle, queued: 3 } }, 'paused'],
    ['every folder paused', { folders: [folder('paused'), folder('paused')] }, 'paused'],
    ['a failed upload', { totals: { ...idle, failed: 1, active: 1 } }, 'error'],
    ['a folder in error', { folders: [folder('error', 'root missing')] }, 'error'],
    [
      'a token expiring in 4 minutes whose next refresh comes too late',
      { credentials: [token({ expiresAt: NOW + 4 * MINUTE })] },
      'credentials-expiring',
    ],
    [
      'a fresh 3-minute token that will simply be renewed (issue 12)',
      {
        credentials: [
          token({
            expiresAt: NOW + 3 * MINUTE,
            nextRefreshAt: NOW + 2 * MINUTE,
            lastRefreshAt: NOW,
          }),
        ],
      },
      'idle',
    ],
    [
      'a token 40 s from expiry, renewed in 10 s',
      { credentials: [token({ expiresAt: NOW + 40_000, nextRefreshAt: NOW + 10_000 })] },
      'idle',
    ],
    [
      'a refresh overdue by two minutes (nothing keeps the token fresh)',
      { credentials: [token({ expiresAt: NOW + 10 * MINUTE, nextRefreshAt: NOW - 2 * MINUTE })] },
      'credentials-expiring',
    ],
    ['a config that cannot be used', { configError: true, folders: [] }, 'error'],
    ['no credentials and no folders yet', { folders: [], credentials: [] }, 'idle'],
    [
      'a folder error outranks failing credentials',
      {
        folders: [folder('error', 'root missing')],
        credentials: [token({ state: 'failing', expiresAt: NOW - 1 })],
      },
      'error',
    ],
    [
      'failing credentials outrank a pause',
      { pausedAll: true, credentials: [token({ state: 'failing', expiresAt: null })] },
      'credentials-expired',
    ],
    [
      'a pause outranks a token at risk',
      { pausedAll: true, credentials: [token({ state: 'failing' })] },
      'paused',
    ],
    [
      'a token at risk outranks activity',
      { totals: { ...idle, active: 1 }, credentials: [token({ state: 'failing' })] },
      'credentials-expiring',
    ],
    [
      'a refresh failing while the token is still good for an hour',
      { credentials: [token({ state: 'failing' })] },
      'credentials-expiring',
    ],
    [
      'a refresh failing with 2 minutes left',
      { credentials: [token({ state: 'failing', expiresAt: NOW + 2 * MINUTE })] },
      'credentials-expired',
    ],
    [
      'no token could ever be had',
      { credentials: [token({ state: 'failing', expiresAt: null })] },
      'credentials-expired',
    ],
    ['an expired token', { credentials: [token({ expiresAt: NOW - 1 })] }, 'credentials-expired'],
  ])('%s → %s', (_what, overrides, expected) => {
    expect(trayStateOf(inputs(overrides))).toBe(expected);
  });

  it('does not warn while the expiring token is being replaced', () => {
    expect(
      trayStateOf(
        inputs({ credentials: [token({ state: 'refreshing', expiresAt: NOW + 4 * MINUTE })] }),
      ),
    ).toBe('idle');
  });

  it('puts credentials before activity: an upload cannot finish without a token', () => {
    expect(
      trayStateOf(
        inputs({
          totals: { ...idle, active: 5 },
          credentials: [token({ state: 'failing', expiresAt: NOW + MINUTE })],
        }),
      ),
    ).toBe('credentials-expired');
  });
});

describe('folderStatusOf', () => {
  const aFolder = (
    overrides: Partial<FolderStatusInputs['folder']> = {},
  ): FolderStatusInputs['folder'] => ({
    state: 'watching',
    lastError: null,
    pausedByUser: false,
    counts: { active: 0, queued: 0, failed: 0 },
    ...overrides,
  });
  it.each<[string, FolderStatusInputs, string]>([
    [
      'watching, token fine',
      { folder: aFolder(), pausedAll: false, credentials: 'valid' },
      'watching',
    ],
    [
      'a one-shot folder done',
      { folder: aFolder({ state: 'idle' }), pausedAll: false, credentials: 'valid' },
      'idle',
    ],
    [
      'uploading',
      {
        folder: aFolder({ counts: { active: 1, queued: 0, failed: 0 } }),
        pausedAll: false,
        credentials: 'valid',
      },
      'syncing',
    ],
    [
      'scanning',
      { folder: aFolder({ state: 'scanning' }), pausedAll: false, credentials: null },
      'syncing',
    ],
    [
      'token at risk while uploading',
      {
        folder: aFolder({ counts: { active: 1, queued: 0, failed: 0 } }),
        pausedAll: false,
        credentials: 'at-risk',
      },
      'credentials-at-risk',
    ],
    [
      'paused by the user with a token at risk',
      { folder: aFolder({ pausedByUser: true }), pausedAll: false, credentials: 'at-risk' },
      'paused',
    ],
    ['pause all', { folder: aFolder(), pausedAll: true, credentials: 'valid' }, 'paused'],
    [
      'paused with an expired token',
      { folder: aFolder({ pausedByUser: true }), pausedAll: false, credentials: 'expired' },
      'credentials-failing',
    ],
    [
      'an error hidden by nothing',
      {
        folder: aFolder({ state: 'error', lastError: 'gone', pausedByUser: true }),
        pausedAll: true,
        credentials: 'failing',
      },
      'error',
    ],
    [
      'failed transfers',
      {
        folder: aFolder({ counts: { active: 0, queued: 0, failed: 2 } }),
        pausedAll: false,
        credentials: 'valid',
      },
      'error',
    ],
  ])('%s → %s', (_what, inputs, expected) => {
    expect(folderStatusOf(inputs)).toBe(expected);
  });
});
