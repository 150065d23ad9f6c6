import { describe, expect, it } from 'vitest';

import { redactField, redactText, SecretRegistry } from '../../../../app/logging/redact.js';

describe('redactText', () => {
  it.each([
    ['Authorization: Bearer abcdefghijklmnop123', 'abcdefghijklmnop123'],
    [
      'Credential=AKID/20261122/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0123456789abcdef0123456789abcdef',
      '0123456789abcdef0123456789abcdef',
    ],
    ['Authorization: OSS STS.abc:c2lnbmF0dXJlLXZhbHVl', 'c2lnbmF0dXJlLXZhbHVl'],
    ['{"SecretAccessKey":"wJalrXUtnFEMI/K7MDENG"}', 'wJalrXUtnFEMI/K7MDENG'],
    ['secretAccessKey=wJalrXUtnFEMI', 'wJalrXUtnFEMI'],
    ['"sessionToken": "FwoGZXIvYXdzE"', 'FwoGZXIvYXdzE'],
    ['https://b.s3/k?X-Amz-Security-Token=FwoG123&X-Amz-Signature=abc123', 'FwoG123'],
    [`token ${'A'.repeat(200)} end`, 'A'.repeat(200)],
  ])('hides the secret in %j', (text, secret) => {
    expect(redactText(text)).not.toContain(secret);
  });

  it('leaves ordinary text alone', () => {
    const text = 'uploaded alice/docs/report.pdf (12 MB) to sync-bucket in 1.2 s';
    expect(redactText(text)).toBe(text);
  });
});

describe('redactField', () => {
  it.each([
    ['secretAccessKey', 'x1234567'],
    ['sessionToken', 'abc'],
    ['Authorization', 'Bearer x'],
    ['password', 'hunter2'],
  ])('hides the %s field', (name, value) => {
    expect(redactField(name, value)).toBe('[redacted]');
  });

  it('keeps harmless fields', () => {
    expect(redactField('profile', 'ceph')).toBe('ceph');
    expect(redactField('lifetimeSeconds', 900)).toBe(900);
  });
});

describe('SecretRegistry', () => {
  it('scrubs exact secrets that no pattern would recognise', () => {
    const registry = new SecretRegistry();
    registry.remember('ferry-alice-secret-0001');
    expect(registry.scrub('error: bad key ferry-alice-secret-0001 given')).toBe(
      'error: bad key [redacted] given',
    );
  });

  it('ignores values too short to be secrets', () => {
    const registry = new SecretRegistry();
    registry.remember('abc');
    expect(registry.scrub('abc')).toBe('abc');
  });
});
