import { describe, expect, it } from 'vitest';

import type { CredentialStatus } from '../../../../app/credentials/credential-broker.js';
import {
  credentialHealthOf,
  type CredentialHealth,
} from '../../../../app/credentials/credential-health.js';

const NOW = Date.UTC(2026, 10, 22, 12);
const SECOND = 1_000;
const MINUTE = 60_000;

const status = (overrides: Partial<CredentialStatus> = {}): CredentialStatus => ({
  state: 'valid',
  expiresAt: NOW + 60 * MINUTE,
  nextRefreshAt: NOW + 55 * MINUTE,
  lastRefreshAt: NOW - 5 * MINUTE,
  lastError: null,
  retryAt: null,
  ...overrides,
});
const error = { code: 'sts-unreachable', message: 'Cannot reach STS.' };

describe('credentialHealthOf', () => {
  it.each<[string, Partial<CredentialStatus>, CredentialHealth]>([
    ['a one-hour token renewed in 55 min', {}, 'valid'],
    [
      'a fresh 3-minute token renewed at 80% (not "expiring", issue 12)',
      { expiresAt: NOW + 3 * MINUTE, nextRefreshAt: NOW + 144 * SECOND, lastRefreshAt: NOW },
      'valid',
    ],
    [
      'a 20 s token renewed in 4 s',
      { expiresAt: NOW + 20 * SECOND, nextRefreshAt: NOW + 4 * SECOND },
      'valid',
    ],
    ['a renewal just under way', { state: 'refreshing', expiresAt: NOW + 10 * SECOND }, 'valid'],
    [
      'the first token being fetched',
      { state: 'refreshing', expiresAt: null, nextRefreshAt: null },
      'none',
    ],
    ['nothing fetched yet', { state: 'none', expiresAt: null, nextRefreshAt: null }, 'none'],
    [
      'a next refresh after expiry',
      { expiresAt: NOW + 4 * MINUTE, nextRefreshAt: NOW + 5 * MINUTE },
      'at-risk',
    ],
    ['no refresh planned at all', { expiresAt: NOW + 4 * MINUTE, nextRefreshAt: null }, 'at-risk'],
    [
      'a refresh overdue by 2 minutes',
      { expiresAt: NOW + 10 * MINUTE, nextRefreshAt: NOW - 2 * MINUTE },
      'at-risk',
    ],
    [
      'a refresh due a moment ago (the scheduler is on it)',
      { expiresAt: NOW + 10 * MINUTE, nextRefreshAt: NOW - 5 * SECOND },
      'valid',
    ],
    [
      'a failed refresh with 50 minutes left',
      {
        state: 'failing',
        lastError: error,
        retryAt: NOW + 8 * SECOND,
        nextRefreshAt: NOW + 8 * SECOND,
      },
      'at-risk',
    ],
    [
      'a failed refresh with 4 minutes left',
      { state: 'failing', lastError: error, expiresAt: NOW + 4 * MINUTE },
      'failing',
    ],
    [
      'a failure and no token ever',
      { state: 'failing', lastError: error, expiresAt: null },
      'failing',
    ],
    ['an expired token', { expiresAt: NOW - SECOND }, 'expired'],
    ['an expired token being replaced', { state: 'refreshing', expiresAt: NOW }, 'expired'],
  ])('%s → %s', (_what, overrides, expected) => {
    expect(credentialHealthOf(status(overrides), NOW)).toBe(expected);
  });
});
