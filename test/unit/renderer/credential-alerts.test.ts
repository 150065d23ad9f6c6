import { describe, expect, it } from 'vitest';

import {
  credentialAlertOf,
  credentialAlerts,
  EXPIRY_WARNING_MS,
} from '../../../renderer/src/lib/credential-alerts.js';
import { profile } from './fakes/views.js';

const NOW = 1_700_000_000_000;
const MINUTE = 60_000;

describe('credential alerts', () => {
  it('says nothing while a token has more than five minutes left', () => {
    expect(credentialAlertOf(profile('p', { expiresAt: NOW + 6 * MINUTE }), NOW)).toBeNull();
  });

  it('warns in the last five minutes, and flags an expired token', () => {
    expect(credentialAlertOf(profile('p', { expiresAt: NOW + EXPIRY_WARNING_MS }), NOW)?.kind).toBe(
      'expiring',
    );
    expect(credentialAlertOf(profile('p', { expiresAt: NOW }), NOW)?.kind).toBe('expired');
  });

  it('flags a failing refresh even while the old token still works', () => {
    const failing = profile('p', { state: 'failing', expiresAt: NOW + 30 * MINUTE });
    expect(credentialAlertOf(failing, NOW)?.kind).toBe('failing');
  });

  it('flags a profile with no token, except while its first fetch is running', () => {
    expect(credentialAlertOf(profile('p', { state: 'none', expiresAt: null }), NOW)?.kind).toBe(
      'no-token',
    );
    expect(
      credentialAlertOf(profile('p', { state: 'refreshing', expiresAt: null }), NOW),
    ).toBeNull();
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
        profile('broken', { state: 'failing' }),
        profile('gone', { expiresAt: NOW - MINUTE }),
      ],
      NOW,
    );
    expect(alerts.map((alert) => [alert.profileId, alert.kind])).toEqual([
      ['broken', 'failing'],
      ['gone', 'expired'],
      ['soon', 'expiring'],
    ]);
  });
});
