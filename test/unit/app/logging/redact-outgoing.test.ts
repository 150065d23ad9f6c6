import { describe, expect, it } from 'vitest';

import { redactMessages } from '../../../../app/logging/redact-messages.js';
import { redactOutgoing, redactText, SecretRegistry } from '../../../../app/logging/redact.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const TOKEN = 'FwoGZXIvYXdzEBYaDHqa0AP1/Ok7a+Gq7SLAAR0x';

describe('redactText: the patterns of issue 11', () => {
  it.each([
    ['env assignment', `AWS_SECRET_ACCESS_KEY=${SECRET}`, SECRET],
    ['export line', `export AWS_SECRET_ACCESS_KEY="${SECRET}"`, SECRET],
    ['AWS_SESSION_TOKEN', `AWS_SESSION_TOKEN=${TOKEN}`, TOKEN],
    ['secret_key=', `secret_key=${SECRET} region=us-east-1`, SECRET],
    ['ini style', `aws_secret_access_key = ${SECRET}`, SECRET],
    ['XML SecretAccessKey', `<SecretAccessKey>${SECRET}</SecretAccessKey>`, SECRET],
    ['XML SessionToken', `<SessionToken>${TOKEN}</SessionToken>`, TOKEN],
    ['XML AccessKeySecret', `<AccessKeySecret>${SECRET}</AccessKeySecret>`, SECRET],
    ['XML SecurityToken', `<SecurityToken>${TOKEN}</SecurityToken>`, TOKEN],
    [
      'a whole STS answer',
      `<AssumeRoleResult><Credentials><AccessKeyId>AKIA1</AccessKeyId><SecretAccessKey>${SECRET}</SecretAccessKey><SessionToken>${TOKEN}</SessionToken></Credentials></AssumeRoleResult>`,
      SECRET,
    ],
    ['JSON SecretAccessKey', `{"SecretAccessKey":"${SECRET}"}`, SECRET],
    ['JSON AccessKeySecret', `{"AccessKeySecret": "${SECRET}"}`, SECRET],
    ['JSON SecurityToken', `{"SecurityToken":"${TOKEN}"}`, TOKEN],
    ['escaped JSON', `"{\\"SecretAccessKey\\":\\"${SECRET}\\"}"`, SECRET],
    ['escaped JSON twice', `{\\\\\\"SecurityToken\\\\\\":\\\\\\"${TOKEN}\\\\\\"}`, TOKEN],
    ['URL userinfo', 'proxy https://alice:hunter2-pass@proxy.example:3128 refused', 'hunter2-pass'],
    ['URL userinfo (http)', 'GET http://u:p4ssw0rd!@10.0.0.1/x', 'p4ssw0rd!'],
    ['Authorization Bearer', `Authorization: Bearer ${TOKEN}`, TOKEN],
    [
      'Authorization SigV4',
      'authorization: AWS4-HMAC-SHA256 Credential=AKIA1/20261130/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0f0f0f0f0f0f0f0f',
      'SignedHeaders=host',
    ],
    [
      'Authorization in JSON',
      `{"authorization":"Basic dXNlcjpwYXNzd29yZA=="}`,
      'dXNlcjpwYXNzd29yZA==',
    ],
    ['Authorization OSS', `Authorization: OSS STS.NUx:${'c2ln'.repeat(4)}`, 'c2ln'.repeat(4)],
    [
      'x-oss-security-token query',
      `https://b.oss-cn-hangzhou.aliyuncs.com/k?x-oss-security-token=${encodeURIComponent(TOKEN)}&x-oss-signature=abcdef0123`,
      encodeURIComponent(TOKEN),
    ],
    ['X-Amz-Security-Token query', `https://b/k?X-Amz-Security-Token=${TOKEN}&x=1`, TOKEN],
    ['x-oss-security-token header', `x-oss-security-token: ${TOKEN}`, TOKEN],
    ['X-Amz-Security-Token header', `X-Amz-Security-Token: ${TOKEN}`, TOKEN],
  ])('%s', (_label, text, secret) => {
    const redacted = redactText(text);
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain('[redacted]');
  });

  it.each([
    'uploaded alice/docs/report.pdf (12 MB) to sync-bucket in 1.2 s',
    'Two files map to the same key: "a.txt" and "A.txt"',
    'https://rgw.example:7480/bucket/key?partNumber=2&uploadId=abc',
    '<Code>AccessDenied</Code><Message>Access Denied</Message>',
    'AccessKeyId AKIAEXAMPLE1 is not allowed',
  ])('leaves %j alone', (text) => {
    expect(redactText(text)).toBe(text);
  });
});

describe('SecretRegistry', () => {
  it('hides a registered secret also URL-encoded, and the longest first', () => {
    const registry = new SecretRegistry();
    registry.remember(SECRET);
    registry.remember(`${SECRET}-longer`);
    expect(registry.scrub(`a ${SECRET}-longer b`)).toBe('a [redacted] b');
    expect(registry.scrub(`?k=${encodeURIComponent(SECRET)}`)).toBe('?k=[redacted]');
  });

  it('keeps a bounded number of secrets, dropping the oldest', () => {
    const registry = new SecretRegistry();
    for (let i = 0; i < 300; i++) registry.remember(`secret-number-${String(i).padStart(4, '0')}`);
    expect(registry.scrub('secret-number-0299')).toBe('[redacted]');
    expect(registry.scrub('secret-number-0000')).toBe('secret-number-0000');
  });
});

describe('redactOutgoing', () => {
  it('hides a known secret that no pattern recognises', () => {
    const registry = new SecretRegistry();
    registry.remember('opaque-vendor-device-token-77');
    expect(redactOutgoing('vendor said: bad opaque-vendor-device-token-77', registry)).toBe(
      'vendor said: bad [redacted]',
    );
  });
});

describe('redactMessages', () => {
  it('redacts message-like texts anywhere in a payload, leaving paths and ids', () => {
    const registry = new SecretRegistry();
    registry.remember(SECRET);
    const payload = {
      upserts: [
        {
          id: 1,
          relativePath: 'a.txt',
          error: {
            code: 'sts-denied',
            message: `STS said <SecretAccessKey>${SECRET}</SecretAccessKey>`,
            hint: `retry with ${SECRET}`,
          },
          note: null,
        },
      ],
      folders: [{ id: 'docs', lastError: `AWS_SECRET_ACCESS_KEY=${SECRET}`, pauseReason: null }],
      notice: { title: 'x', body: `Authorization: Bearer ${TOKEN}` },
      configError: { message: 'proxy https://u:pw123456@p:1 refused', hint: null },
    };
    const text = JSON.stringify(redactMessages(payload, registry));
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('pw123456');
    expect(text).toContain('"relativePath":"a.txt"');
  });

  it("redacts the values of an error's params and a notice's values (issue 13)", () => {
    const registry = new SecretRegistry();
    registry.remember(SECRET);
    const payload = {
      upserts: [
        {
          id: 1,
          error: {
            code: 'network',
            message: 'm',
            params: { detail: 'x', action: `PUT ${SECRET}` },
          },
        },
      ],
      notice: { title: 't', body: 'b', words: { values: { path: `a/${SECRET}` } } },
    };
    const text = JSON.stringify(redactMessages(payload, registry));
    expect(text).not.toContain(SECRET);
    expect(text).toContain('"code":"network"');
  });

  it('returns the same object when nothing needed hiding', () => {
    const payload = { upserts: [{ id: 1, error: null, note: 'resumed' }] };
    expect(redactMessages(payload, new SecretRegistry())).toBe(payload);
  });
});
