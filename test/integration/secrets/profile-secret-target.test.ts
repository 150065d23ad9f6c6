import { describe, expect, it } from 'vitest';

import { parseConfig } from '../../../app/config/parse-config.js';
import { secretTargetOf } from '../../../app/credentials/secret-target.js';
import { systemClock } from '../../../main/adapters/system/system-clock.js';
import { createProfileCredentialSource } from '../../../main/compose/profile-sources.js';
import { MemorySecretStore } from '../../fakes/memory-secret-store.js';
import { rejection } from '../../support/rejection.js';

// Nothing listens on the discard port of this machine: each source fails at the network, which
// is only reached once its secret was handed out for the target `secretTargetOf` computed.
const CLOSED = 'http://127.0.0.1:9';
const role = 'arn:aws:iam::123456789012:role/R';
const folder = { id: 'f', path: '/data', bucket: 'sync-bucket', prefix: 'a/' };

describe('the target stored with a secret is the target its credential source asks for', () => {
  it.each([
    [
      'assume-role, STS at the S3 endpoint',
      {
        endpoint: CLOSED,
        credentials: { source: 'assume-role', accessKeyId: 'AK', roleArn: role },
      },
    ],
    [
      'assume-role, own STS endpoint',
      {
        endpoint: 'https://s3.example.com',
        credentials: {
          source: 'assume-role',
          accessKeyId: 'AK',
          roleArn: role,
          stsEndpoint: CLOSED,
        },
      },
    ],
    [
      'aliyun-sts',
      {
        provider: 'oss',
        region: 'oss-cn-hangzhou',
        credentials: {
          source: 'aliyun-sts',
          accessKeyId: 'AK',
          roleArn: 'acs:ram::1:role/r',
          stsEndpoint: CLOSED,
        },
      },
    ],
    ['vendor', { credentials: { source: 'vendor', url: `${CLOSED}/token` } }],
  ])('%s', async (_label, profile) => {
    const config = parseConfig(
      { profiles: [{ id: 'p', ...profile }], folders: [{ ...folder, profile: 'p' }] },
      'test',
    );
    const configured = config.profiles[0]!;
    const secrets = new MemorySecretStore();
    await secrets.set('p', 'the-secret', secretTargetOf(configured));
    const source = createProfileCredentialSource(config, configured, {
      secrets,
      clock: systemClock,
    });
    const error = await rejection(source());
    expect(error.code).not.toBe('secret-missing');
    expect(error.code).toMatch(/unreachable|network|server|bad-response/);
  });
});
