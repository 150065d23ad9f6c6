import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildOnce } from '../../support/build-once.js';
import { adminS3 } from '../setup/rgw-clients.js';
import { rgw } from '../setup/rgw-info.js';
import { ferry, md5, remoteTree, workspace } from './ferry-process.js';

beforeAll(buildOnce, 120_000);

describe('mirror mode deletes only what Ferry uploaded (issue 11, real RGW and CLI)', () => {
  it('keeps an object another writer replaced when its file is deleted locally, and reports a conflict', async () => {
    const ws = await workspace('mirror-guard', {
      mode: 'mirror',
      folder: { deleteDelaySeconds: 0 },
    });
    await writeFile(join(ws.data, 'shared.txt'), 'ours');
    await writeFile(join(ws.data, 'mine.txt'), 'only ours');
    await writeFile(join(ws.data, 'stays.txt'), 'keeps the folder from looking emptied');
    const first = await ferry(['sync', '--config', ws.config, '--once']);
    expect(first.code, first.stderr).toBe(0);

    // Another client, with the admin's keys, replaces one object after Ferry uploaded it.
    await adminS3().send(
      new PutObjectCommand({
        Bucket: rgw().bucket,
        Key: `${ws.prefix}shared.txt`,
        Body: 'someone else wrote this',
      }),
    );
    await rm(join(ws.data, 'shared.txt'));
    await rm(join(ws.data, 'mine.txt'));

    const second = await ferry(['sync', '--config', ws.config, '--once']);
    expect(second.code, second.stderr).toBe(1);
    expect(second.stdout).toContain('0 uploaded, 1 deleted, 0 failed, 0 skipped, 1 conflicts');
    expect(second.stderr).toMatch(
      /conflict: data\/shared\.txt: the file was deleted locally, but the object was changed in the bucket by someone else/,
    );
    expect(await remoteTree(ws.prefix)).toEqual(
      new Map([
        ['shared.txt', md5('someone else wrote this')],
        ['stays.txt', md5('keeps the folder from looking emptied')],
      ]),
    );

    // The record is kept: the next run says it again, and still deletes nothing.
    const third = await ferry(['sync', '--config', ws.config, '--once']);
    expect(third.code, third.stderr).toBe(1);
    expect(third.stdout).toContain('1 conflicts');
    expect((await remoteTree(ws.prefix)).get('shared.txt')).toBe(md5('someone else wrote this'));
  });
});
