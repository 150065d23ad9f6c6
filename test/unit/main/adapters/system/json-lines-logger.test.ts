import { describe, expect, it } from 'vitest';

import { processSecrets } from '../../../../../app/logging/redact.js';
import { JsonLinesLogger } from '../../../../../main/adapters/system/json-lines-logger.js';

describe('JsonLinesLogger redaction (issue 11)', () => {
  it('hides the secrets the process has read, without being handed a registry', () => {
    processSecrets.remember('keychain-secret-without-any-pattern-1');
    const lines: string[] = [];
    const logger = new JsonLinesLogger({ write: (line) => lines.push(line) });
    logger.error('sts failed', { error: 'rejected keychain-secret-without-any-pattern-1 (403)' });
    expect(lines.join('')).not.toContain('keychain-secret-without-any-pattern-1');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ error: 'rejected [redacted] (403)' });
  });

  it.each([
    ['AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENG', 'wJalrXUtnFEMIK7MDENG'],
    ['<SecretAccessKey>wJalrXUtnFEMIK7MDENG</SecretAccessKey>', 'wJalrXUtnFEMIK7MDENG'],
    ['{\\"SecretAccessKey\\":\\"wJalrXUtnFEMIK7MDENG\\"}', 'wJalrXUtnFEMIK7MDENG'],
  ])('hides %j in a message', (message, secret) => {
    const lines: string[] = [];
    new JsonLinesLogger({ write: (line) => lines.push(line) }).warn(message);
    expect(lines.join('')).not.toContain(secret);
  });
});
