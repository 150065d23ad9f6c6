import { describe, expect, it } from 'vitest';

import {
  credentialAlertOf,
  credentialAlerts,
  EXPIRY_WARNING_MS,
} from '../../../../../renderer/src/model/credential-alerts.js';
import { profile } from '../fakes/views.js';

const NOW = 1_700_000_000_000;
const SECOND = 1_000;
const MINUTE = 60_000;
const stsDown = { code: 'sts-unreachable', message: 'Cannot reach STS.' };

describe('credential alerts', () => {
  it('says nothing while a token has more than five minutes left', () => {
    expect(credentialAlertOf(profile('p', { expiresAt: NOW + 6 * MINUTE }), NOW)).toBeNull();
  });

  it('says nothing about a short token that will simply be renewed (issue 12)', () => {
    const renewed = profile('p', {
      expiresAt: NOW + 2 * MINUTE,
      nextRefreshAt: NOW + 30 * SECOND,
    });
    expect(credentialAlertOf(renewed, NOW)).toBeNull();
  });

  it('warns when the token expires before its next refresh, and flags an expired token', () => {
    const late = profile('p', { expiresAt: NOW + 2 * MINUTE, nextRefreshAt: NOW + 3 * MINUTE });
    expect(credentialAlertOf(late, NOW)).toMatchObject({ kind: 'late', serious: false });
    expect(credentialAlertOf(profile('p', { expiresAt: NOW + EXPIRY_WARNING_MS }), NOW)?.kind).toBe(
      'late',
    );
    expect(credentialAlertOf(profile('p', { expiresAt: NOW }), NOW)).toMatchObject({
      kind: 'expired',
      serious: true,
    });
  });

  it('shows a failing refresh with its reason and next attempt: a warning while the token lasts, serious near expiry', () => {
    const failing = profile('p', {
      state: 'failing',
      expiresAt: NOW + 30 * MINUTE,
      lastError: stsDown,
      retryAt: NOW + 8 * SECOND,
    });
    expect(credentialAlertOf(failing, NOW)).toMatchObject({
      kind: 'failing',
      serious: false,
      reason: 'Cannot reach STS.',
      retryAt: NOW + 8 * SECOND,
    });
    const nearly = profile('p', { state: 'failing', expiresAt: NOW + 2 * MINUTE });
    expect(credentialAlertOf(nearly, NOW)).toMatchObject({ kind: 'failing', serious: true });
  });

  it('says nothing before a first token, but flags a first fetch that failed', () => {
    expect(credentialAlertOf(profile('p', { state: 'none', expiresAt: null }), NOW)).toBeNull();
    expect(
      credentialAlertOf(profile('p', { state: 'refreshing', expiresAt: null }), NOW),
    ).toBeNull();
    expect(
      credentialAlertOf(profile('p', { state: 'failing', expiresAt: null }), NOW),
    ).toMatchObject({ kind: 'failing', serious: true });
    // Refreshing does not hide an expired token: uploads are blocked until it lands.
    expect(
      credentialAlertOf(profile('p', { state: 'refreshing', expiresAt: NOW - 1 }), NOW)?.kind,
    ).toBe('expired');
  });

  it('lists the most serious first', () => {
    const alerts = credentialAlerts(
      [
        profile('soon', { expiresAt: NOW + MINUTE }),
        profile('fine', { expiresAt: NOW + 60 * MINUTE }),
        profile('wobbly', { state: 'failing', expiresAt: NOW + 60 * MINUTE }),
        profile('broken', { state: 'failing' }),
        profile('gone', { expiresAt: NOW - MINUTE }),
      ],
      NOW,
    );
    expect(alerts.map((alert) => [alert.profileId, alert.kind])).toEqual([
      ['broken', 'failing'],
      ['gone', 'expired'],
      ['wobbly', 'failing'],
      ['soon', 'late'],
    ]);
  });
});
