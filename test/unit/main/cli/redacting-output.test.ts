import { describe, expect, it } from 'vitest';

import { processSecrets } from '../../../../app/logging/redact.js';
import { redactWrites } from '../../../../main/cli/redacting-output.js';

/** A stream that keeps what reaches it. */
function captured() {
  const chunks: unknown[] = [];
  const stream = {
    write: (chunk: unknown, ..._rest: unknown[]) => {
      chunks.push(chunk);
      return true;
    },
  } as unknown as Pick<NodeJS.WriteStream, 'write'>;
  redactWrites(stream);
  const text = () =>
    chunks
      .map((c) => (typeof c === 'string' ? c : Buffer.from(c as Uint8Array).toString()))
      .join('');
  return { stream, chunks, text };
}

describe('CLI output redaction (issue 11)', () => {
  it.each([
    [
      'an env line an SDK echoed',
      'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCY\n',
      'wJalrXUtnFEMIK7MDENGbPxRfiCY',
    ],
    [
      'an STS answer in an error',
      '<SecretAccessKey>abcdEFGH12345678</SecretAccessKey>',
      'abcdEFGH12345678',
    ],
    [
      'a proxy URL with a password',
      'ferry: cannot reach https://bob:s3cretPass@proxy:3128\n',
      's3cretPass',
    ],
  ])('stderr text: %s', (_label, line, secret) => {
    const { stream, text } = captured();
    stream.write(line);
    expect(text()).not.toContain(secret);
    expect(text()).toContain('[redacted]');
  });

  it('a secret read from the keychain is hidden even as UTF-8 bytes, whatever it looks like', () => {
    processSecrets.remember('plain-looking-vendor-token-42');
    const { stream, text } = captured();
    stream.write(Buffer.from('vendor refused plain-looking-vendor-token-42\n'));
    expect(text()).toBe('vendor refused [redacted]\n');
  });

  it('passes ordinary output through unchanged, as the same chunk', () => {
    const { stream, chunks } = captured();
    const bytes = Buffer.from('docs: 3 uploaded, 0 failed\n');
    stream.write(bytes);
    expect(chunks[0]).toBe(bytes);
  });

  it('keeps --json lines valid JSON', () => {
    const { stream, text } = captured();
    stream.write(`${JSON.stringify({ type: 'credentials', tokenExpiresAt: 1764500000000 })}\n`);
    expect(JSON.parse(text())).toEqual({ type: 'credentials', tokenExpiresAt: 1764500000000 });
  });
});
