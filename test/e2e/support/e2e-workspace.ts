import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { rgw } from '../../integration/setup/rgw-info.js';

export interface E2eWorkspace {
  readonly dir: string;
  /** Synced normally. */
  readonly data: string;
  /** Synced with a token whose session policy denies this folder's prefix. */
  readonly denied: string;
  readonly prefix: string;
  readonly deniedPrefix: string;
  readonly config: string;
  readonly env: Record<string, string>;
}

/** Two folders on the real RGW: one that works, one whose uploads the store refuses. */
export async function e2eWorkspace(
  label: string,
  transfers: Record<string, unknown> = { concurrency: 4 },
): Promise<E2eWorkspace> {
  const info = rgw();
  const dir = await mkdtemp(join(tmpdir(), `ferry-e2e-${label}-`));
  const data = join(dir, 'data');
  const denied = join(dir, 'denied');
  await mkdir(data);
  await mkdir(denied);
  const prefix = `e2e-${label}-${Date.now().toString(36)}/`;
  const deniedPrefix = `e2e-denied-${Date.now().toString(36)}/`;
  const role = {
    source: 'assume-role',
    accessKeyId: info.user.accessKeyId,
    roleArn: info.roleArn,
    durationSeconds: 900,
  };
  const config = {
    profiles: [
      { id: 'ceph', endpoint: info.endpoint, forcePathStyle: true, credentials: role },
      {
        id: 'limited',
        endpoint: info.endpoint,
        forcePathStyle: true,
        credentials: {
          ...role,
          // Allows another prefix only: the preflight finds this folder unwritable (issue 12).
          policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['s3:PutObject'],
                Resource: [`arn:aws:s3:::${info.bucket}/somewhere-else/*`],
              },
            ],
          }),
        },
      },
    ],
    folders: [
      { id: 'data', path: data, profile: 'ceph', bucket: info.bucket, prefix },
      { id: 'denied', path: denied, profile: 'limited', bucket: info.bucket, prefix: deniedPrefix },
    ],
    transfers,
    stateDir: join(dir, 'state'),
  };
  const configPath = join(dir, 'ferry.json');
  await writeFile(configPath, JSON.stringify(config, null, 2));
  const env = {
    FERRY_SECRET_CEPH: info.user.secretAccessKey,
    FERRY_SECRET_LIMITED: info.user.secretAccessKey,
  };
  return { dir, data, denied, prefix, deniedPrefix, config: configPath, env };
}
