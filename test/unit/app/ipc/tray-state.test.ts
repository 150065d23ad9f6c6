import { describe, expect, it } from 'vitest';

import type { CredentialStatus } from '../../../../app/credentials/credential-broker.js';
import { trayStateOf, type TrayInputs } from '../../../../app/ipc/tray-state.js';

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
      'a token expiring in 4 minutes',
      { credentials: [token({ expiresAt: NOW + 4 * MINUTE })] },
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
