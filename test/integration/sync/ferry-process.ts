import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';

import { repoRoot } from '../../support/build-once.js';
import { adminS3 } from '../setup/rgw-clients.js';
import { rgw } from '../setup/rgw-info.js';

export interface FerryResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const ferryJs = () => join(repoRoot, 'out/cli/ferry.js');
const baseEnv = () => ({
  ...process.env,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  FERRY_SECRET_CEPH: rgw().user.secretAccessKey,
});

/** Runs `ferry ARGS` to completion. */
export function ferry(args: string[], env: Record<string, string> = {}): Promise<FerryResult> {
  return new Promise((resolve) => {
    execFile(
      'node',
      [ferryJs(), ...args],
      { env: { ...baseEnv(), ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Starts a long-running `ferry ARGS`; the caller stops it. */
export function ferryProcess(
  args: string[],
  env: Record<string, string> = {},
): ChildProcess & { output: () => string } {
  const child = spawn('node', [ferryJs(), ...args], {
    env: { ...baseEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return Object.assign(child, { output: () => output });
}

export interface Workspace {
  readonly dir: string;
  readonly data: string;
  readonly state: string;
  readonly prefix: string;
  readonly config: string;
}

export interface WorkspaceOptions {
  readonly mode?: 'upload' | 'mirror';
  readonly credentials?: Record<string, unknown>;
  readonly folder?: Record<string, unknown>;
  readonly transfers?: Record<string, unknown>;
  readonly profile?: Record<string, unknown>;
}

/** A data folder, a state dir and a config for one test, with a prefix of its own. */
export async function workspace(label: string, options: WorkspaceOptions = {}): Promise<Workspace> {
  const info = rgw();
  const dir = await mkdtemp(join(tmpdir(), `ferry-${label}-`));
  const data = join(dir, 'data');
  const state = join(dir, 'state');
  await mkdir(data, { recursive: true });
  const prefix = `${label}-${Date.now().toString(36)}/`;
  const config = {
    profiles: [
      {
        id: 'ceph',
        endpoint: info.endpoint,
        forcePathStyle: true,
        credentials: {
          source: 'assume-role',
          accessKeyId: info.user.accessKeyId,
          roleArn: info.roleArn,
          durationSeconds: 900,
          ...options.credentials,
        },
        ...options.profile,
      },
    ],
    folders: [
      {
        id: 'data',
        path: data,
        profile: 'ceph',
        bucket: info.bucket,
        prefix,
        mode: options.mode ?? 'upload',
        ...options.folder,
      },
    ],
    transfers: { concurrency: 8, ...options.transfers },
    stateDir: state,
  };
  const configPath = join(dir, 'ferry.json');
  await writeFile(configPath, JSON.stringify(config, null, 2));
  return { dir, data, state, prefix, config: configPath };
}

/** Every object under a prefix, with admin credentials: key → md5 of its content. */
export async function remoteTree(prefix: string): Promise<Map<string, string>> {
  const s3 = adminS3();
  const result = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: rgw().bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) {
      try {
        const body = await s3.send(new GetObjectCommand({ Bucket: rgw().bucket, Key: object.Key }));
        result.set(
          (object.Key ?? '').slice(prefix.length),
          md5(await body.Body!.transformToByteArray()),
        );
      } catch (error) {
        // Deleted between the listing and the read (a running sync is moving the bucket).
        if ((error as { name?: string }).name !== 'NoSuchKey') throw error;
      }
    }
    token = page.NextContinuationToken;
  } while (token);
  return result;
}

export function md5(bytes: Uint8Array | string): string {
  return createHash('md5').update(bytes).digest('hex');
}

export async function waitUntil(
  condition: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
