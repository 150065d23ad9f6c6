import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { repoRoot } from '../../support/build-once.js';

// The bench's curl floor (test/bench/peers/curl-floor.mjs) with 2,000 files, the full scale of
// scenario 1, against a plain local HTTP server that answers every PUT 200 with an ETag. Its
// per-transfer output once carried each presigned URL (~400 bytes): 2,000 of them overflowed
// the 256 KiB of output the harness keeps, and a curl that had sent everything was reported as
// failed ("exit 1") in every full-scale run. No store is needed: presigning is local.
const FILES = 2_000;

let server: Server;
let dir: string;
const received = new Set<string>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-curl-floor-'));
  await mkdir(join(dir, 'data', 'd0'), { recursive: true });
  await mkdir(join(dir, 'work'));
  for (let i = 0; i < FILES; i++) {
    await writeFile(join(dir, 'data', 'd0', `f${String(i).padStart(6, '0')}.bin`), `file ${i}`);
  }
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received.add(new URL(request.url ?? '/', 'http://x').pathname);
      response.setHeader('ETag', '"0123456789abcdef0123456789abcdef"');
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('bench curl floor', () => {
  it('uploads 2,000 files in one curl run and reports success', async () => {
    const { port } = server.address() as AddressInfo;
    const module = pathToFileURL(join(repoRoot, 'test/bench/peers/curl-floor.mjs')).href;
    // A child process: the harness is plain JavaScript outside the TypeScript projects.
    const script = `
      const { curlFloorTool } = await import(${JSON.stringify(module)});
      const credentials = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'not-a-secret', sessionToken: 'x'.repeat(300), expiration: new Date(Date.now() + 3600e3) };
      const ctx = {
        info: { bucket: 'bucket', region: 'us-east-1' },
        gateway: { http: 'http://127.0.0.1:${port}', https: '', caFile: '' },
        credentials: () => credentials,
        work: ${JSON.stringify(join(dir, 'work'))},
        ferry: { concurrency: 8, partConcurrency: 4, partSize: 8 * 2 ** 20 },
        timeoutMs: 120000,
        log: () => {},
      };
      const measured = await curlFloorTool(ctx).upload({ dir: ${JSON.stringify(join(dir, 'data'))}, prefix: 'p/' });
      process.stdout.write(JSON.stringify({ code: measured.code, stderr: measured.stderr.slice(-500) }));
    `;
    const out = await new Promise<string>((resolve, reject) => {
      execFile(
        'node',
        ['--input-type=module', '-e', script],
        { cwd: repoRoot, timeout: 120_000 },
        (error, stdout, stderr) =>
          error ? reject(new Error(stderr || error.message)) : resolve(stdout),
      );
    });
    const result = JSON.parse(out) as { code: number; stderr: string };
    expect(result, result.stderr).toEqual({ code: 0, stderr: expect.any(String) as string });
    expect(received.size).toBe(FILES);
  }, 150_000);
});
