import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { expect } from 'vitest';

import type { Exchange, FaultProxy } from '../../services/fault-proxy.js';
import { adminS3 } from '../setup/rgw-clients.js';
import { rgw } from '../setup/rgw-info.js';
import { md5 } from '../sync/ferry-process.js';

const MIB = 1024 * 1024;

/**
 * A mixed tree: small files (one PUT each, some empty, some nested) and a few multipart files
 * (3 parts of 5 MiB at most). Returns relative path → md5.
 */
export async function writeMixedTree(
  root: string,
  small: number,
  multipart: number,
): Promise<Map<string, string>> {
  const expected = new Map<string, string>();
  const write = async (path: string, bytes: Uint8Array) => {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), bytes);
    expected.set(path, md5(bytes));
  };
  for (let i = 0; i < small; i++) {
    const size = i % 7 === 0 ? 0 : 100 + ((i * 7919) % 200_000);
    await write(`${i % 3 === 0 ? 'nested/deeper/' : ''}small-${i}.txt`, randomBytes(size));
  }
  for (let i = 0; i < multipart; i++) {
    await write(`big/big-${i}.bin`, randomBytes(10 * MIB + 1234 * (i + 1)));
  }
  return expected;
}

/** Multipart uploads still open under a prefix, as the RGW admin sees them. */
export async function openUploads(prefix: string): Promise<string[]> {
  const answer = await adminS3().send(
    new ListMultipartUploadsCommand({ Bucket: rgw().bucket, Prefix: prefix }),
  );
  return (answer.Uploads ?? []).map((u) => `${u.Key ?? ''} ${u.UploadId ?? ''}`);
}

/**
 * The central promise of the fault tier: a body whose 2xx reached Ferry is never sent again.
 * A PUT of a key, or a part number of a key (in any upload of it), after such an answer is a
 * re-send; a retry after a reset, a lost answer or a 5xx is not.
 */
export function resentAfterSuccess(exchanges: readonly Exchange[]): string[] {
  const succeeded = new Set<string>();
  const resent: string[] = [];
  for (const x of exchanges) {
    const id =
      x.operation === 'PutObject'
        ? `PUT ${x.key}`
        : x.operation === 'UploadPart'
          ? `part ${x.key} #${x.partNumber ?? '?'}`
          : undefined;
    if (id === undefined) continue;
    if (succeeded.has(id)) resent.push(`${id} (request ${x.seq})`);
    if (typeof x.delivered === 'number' && x.delivered < 300) succeeded.add(id);
  }
  return resent;
}

/** Per key: CreateMultipartUpload beyond one plus the failed (or unanswered) ones before it. */
export function extraCreates(exchanges: readonly Exchange[]): string[] {
  const byKey = new Map<string, Exchange[]>();
  for (const x of exchanges.filter((e) => e.operation === 'CreateMultipartUpload')) {
    byKey.set(x.key, [...(byKey.get(x.key) ?? []), x]);
  }
  const extra: string[] = [];
  for (const [key, creates] of byKey) {
    const answered = creates.filter((c) => typeof c.delivered === 'number' && c.delivered < 300);
    if (answered.length > 1) extra.push(`${key}: ${answered.length} answered creates`);
  }
  return extra;
}

/** Every log and output line Ferry wrote, checked for the secrets that went through the proxy. */
export async function expectNoSecrets(
  proxy: FaultProxy,
  stateDir: string,
  outputs: readonly string[],
): Promise<void> {
  const log = await readFile(join(stateDir, 'ferry.log'), 'utf8');
  const secrets = [rgw().user.secretAccessKey, ...proxy.secretsSeen].filter((s) => s.length > 8);
  expect(proxy.secretsSeen.length).toBeGreaterThan(0); // the check checks something
  for (const text of [log, ...outputs]) {
    for (const secret of secrets) expect(text.includes(secret)).toBe(false);
  }
}

/** A short account of the faults applied, for a failing assertion's message. */
export function faultSummary(exchanges: readonly Exchange[]): string {
  return exchanges
    .filter((x) => x.fault !== null)
    .map((x) => `#${x.seq} ${x.operation} ${x.key} ${x.partNumber ?? ''} ${x.fault ?? ''}`)
    .join('\n');
}
