import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildOnce } from '../../support/build-once.js';
import { adminS3 } from '../setup/rgw-clients.js';
import { rgw } from '../setup/rgw-info.js';
import { ferry, remoteTree, workspace, type WorkspaceOptions } from '../sync/ferry-process.js';

beforeAll(buildOnce, 180_000);

/** Uploads in progress under a prefix of a bucket (admin view): a probe must leave none. */
async function openUploads(bucket: string, prefix: string): Promise<string[]> {
  const page = await adminS3().send(
    new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix }),
  );
  return (page.Uploads ?? []).map((upload) => upload.Key ?? '');
}

/** A workspace with one file to upload, so "nothing was uploaded" means something. */
async function broken(label: string, options: WorkspaceOptions) {
  const ws = await workspace(label, options);
  await writeFile(join(ws.data, 'a.txt'), 'must not be uploaded');
  return ws;
}

const cases = [
  {
    name: 'a folder path that does not exist',
    options: () => ({ folder: { path: '/nonexistent/ferry-photos' } }),
    message: /Folder "data": \/nonexistent\/ferry-photos does not exist\./,
    hint: /Create the folder, or correct "path" of folder "data" in the config\./,
  },
  {
    name: 'a bucket that does not exist',
    options: () => ({ folder: { bucket: `no-such-bucket-${process.pid}` } }),
    message: new RegExp(`Folder "data": bucket "no-such-bucket-${process.pid}" does not exist`),
    hint: /Create the bucket, or correct "bucket" of folder "data"/,
  },
  {
    name: 'a bucket the role may not write (other-bucket)',
    options: () => ({ folder: { bucket: rgw().otherBucket } }),
    message:
      /Folder "data": the token may not upload to s3:\/\/other-bucket\/preflight-\S* \(the store denied CreateMultipartUpload/,
    hint: /does not allow uploads to bucket "other-bucket" under "preflight-[^"]+\/": ask its administrator/,
  },
];

describe('preflight (issue 12): exit 2 before any upload, naming the folder and the fix', () => {
  for (const { name, options, message, hint } of cases) {
    it(`ferry sync --once, --dry-run and check on ${name}`, async () => {
      const ws = await broken('preflight', options());
      const bucket = (options().folder as { bucket?: string }).bucket ?? rgw().bucket;

      for (const args of [['sync', '--once'], ['sync', '--dry-run'], ['check']]) {
        const result = await ferry([...args, '--config', ws.config]);
        expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
        expect(result.stderr).toMatch(message);
        expect(result.stderr).toMatch(hint);
        expect(result.stdout).not.toMatch(/uploaded/);
      }
      if (bucket === rgw().bucket) expect(await remoteTree(ws.prefix)).toEqual(new Map());
      if (bucket !== `no-such-bucket-${process.pid}`) {
        expect(await openUploads(bucket, ws.prefix)).toEqual([]);
      }
    }, 120_000);
  }

  it('a mirror folder the role may write, list and delete passes, and leaves nothing behind', async () => {
    const ws = await workspace('preflight-ok', {
      mode: 'mirror',
      folder: { remoteListing: true },
    });

    const check = await ferry(['check', '--config', ws.config]);

    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(
      /Folder "data" \(.+ → s3:\/\/sync-bucket\/preflight-ok-[^/]+\/, mirror\)/,
    );
    expect(check.stdout).toMatch(/path: {3}ok/);
    expect(check.stdout).toMatch(/write: {2}ok/);
    expect(check.stdout).toMatch(/list: {3}ok/);
    expect(check.stdout).toMatch(/delete: {1}ok/);
    expect(await openUploads(rgw().bucket, ws.prefix)).toEqual([]);
    expect(await remoteTree(ws.prefix)).toEqual(new Map());
  }, 120_000);
});
