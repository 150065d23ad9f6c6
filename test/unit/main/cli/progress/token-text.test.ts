import { describe, expect, it } from 'vitest';

import type { CredentialStatus } from '../../../../../app/credentials/credential-broker.js';
import { tokenText } from '../../../../../main/cli/progress/token-text.js';

const NOW = Date.UTC(2026, 10, 22, 12);
const SECOND = 1_000;
const MINUTE = 60_000;

const status = (overrides: Partial<CredentialStatus> = {}): CredentialStatus => ({
  state: 'valid',
  expiresAt: NOW + 3 * MINUTE,
  nextRefreshAt: NOW + 2 * MINUTE,
  lastRefreshAt: NOW - MINUTE,
  lastError: null,
  retryAt: null,
  ...overrides,
});
const error = { code: 'sts-unreachable', message: 'Cannot reach STS.' };

describe('tokenText (the CLI reads tokens as the tray and the UI do)', () => {
  it.each<[string, CredentialStatus[], string | null]>([
    ['no profile', [], null],
    [
      'the first token on its way',
      [status({ state: 'refreshing', expiresAt: null, nextRefreshAt: null })],
      null,
    ],
    ['a short token that will be renewed', [status()], 'token renews in 2m 0s'],
    [
      'a failing refresh with time left',
      [
        status({
          state: 'failing',
          expiresAt: NOW + 20 * MINUTE,
          lastError: error,
          retryAt: NOW + 8 * SECOND,
          nextRefreshAt: NOW + 8 * SECOND,
        }),
      ],
      'token refresh failing, retry in 8s (20m 0s left)',
    ],
    [
      'no token and a failing source',
      [status({ state: 'failing', expiresAt: null, lastError: error, retryAt: NOW + 4 * SECOND })],
      'no valid token, retry in 4s',
    ],
    [
      'a refresh that comes too late',
      [status({ nextRefreshAt: NOW + 4 * MINUTE })],
      'token expires in 3m 0s, before renewal',
    ],
    ['an expired token', [status({ expiresAt: NOW - 3 * SECOND })], 'token expired 3s ago'],
    [
      'the worst of several profiles',
      [
        status(),
        status({ expiresAt: NOW - 3 * SECOND }),
        status({ state: 'failing', expiresAt: NOW + 20 * MINUTE }),
      ],
      'token expired 3s ago',
    ],
  ])('%s → %s', (_what, statuses, expected) => {
    expect(tokenText(statuses, NOW)).toBe(expected);
  });
});
