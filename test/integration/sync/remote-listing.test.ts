import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildOnce } from '../../support/build-once.js';
import { adminS3 } from '../setup/rgw-clients.js';
import { rgw } from '../setup/rgw-info.js';
import { ferry, md5, remoteTree, workspace } from './ferry-process.js';

beforeAll(buildOnce, 120_000);

describe('remote listing (s3:ListBucket limited to the prefix)', () => {
  it('re-uploads an object deleted in the bucket, and reports one changed by someone else as a conflict', async () => {
    const ws = await workspace('listing', { folder: { remoteListing: true } });
    await writeFile(join(ws.data, 'a.txt'), 'ours');
    await writeFile(join(ws.data, 'b.txt'), 'also ours');
    const check = await ferry(['check', '--config', ws.config]);
    expect(check.stdout).toContain('"s3:ListBucket"');
    expect(check.stdout).toContain(`"${ws.prefix}*"`);
    expect((await ferry(['sync', '--config', ws.config, '--once'])).code).toBe(0);

    const admin = adminS3();
    await admin.send(new DeleteObjectCommand({ Bucket: rgw().bucket, Key: `${ws.prefix}a.txt` }));
    await admin.send(
      new PutObjectCommand({
        Bucket: rgw().bucket,
        Key: `${ws.prefix}b.txt`,
        Body: 'someone else wrote this',
      }),
    );

    const result = await ferry(['sync', '--config', ws.config, '--once']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('1 uploaded, 0 deleted, 0 failed, 0 skipped, 1 conflicts');
    expect(result.stderr).toMatch(
      /conflict: data\/b\.txt: the object was changed in the bucket by someone else/,
    );
    expect(await remoteTree(ws.prefix)).toEqual(
      new Map([
        ['a.txt', md5('ours')],
        ['b.txt', md5('someone else wrote this')],
      ]),
    );
  });
});
