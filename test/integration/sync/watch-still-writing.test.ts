import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildOnce } from '../../support/build-once.js';
import { adminS3 } from '../setup/rgw-clients.js';
import { rgw } from '../setup/rgw-info.js';
import { ferryProcess, md5, remoteTree, waitUntil, workspace } from './ferry-process.js';

beforeAll(buildOnce, 120_000);

const CHUNK = 32 * 1024;
/**
 * Three short pauses, then three of 350 ms: longer than the quiet time a file written once gets
 * (200 ms), shorter than what a writer seen at work must then hold still for (4 × the 120 ms gap
 * seen). The old rule, 150 ms after the first look, let a part through at the first 350 ms pause.
 */
const PAUSES_MS = [120, 120, 120, 350, 350, 350];

/**
 * A writer in its own process (the test's own S3 polling must not stretch its pauses): `open`
 * keeps one handle and writes through it, `append` opens and closes the file for every chunk.
 */
function writeSlowly(path: string, how: 'open' | 'append'): Promise<void> {
  const script = `
    const fs = require('node:fs');
    const [path, how, pauses] = process.argv.slice(1);
    const chunk = Buffer.alloc(${CHUNK}, 7);
    const fd = how === 'open' ? fs.openSync(path, 'w') : undefined;
    const write = () => (fd === undefined ? fs.appendFileSync(path, chunk) : fs.writeSync(fd, chunk));
    const rest = JSON.parse(pauses);
    write();
    const next = () => {
      if (rest.length === 0) { if (fd !== undefined) fs.closeSync(fd); return; }
      setTimeout(() => { write(); next(); }, rest.shift());
    };
    next();`;
  const child = spawn(process.execPath, ['-e', script, path, how, JSON.stringify(PAUSES_MS)]);
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${code}`)))),
  );
}

describe('ferry sync (watch mode): a file still being written is never readable half-written', () => {
  it('a writer that keeps its handle open and one that appends chunk by chunk, pausing up to 350 ms', async () => {
    const ws = await workspace('still-writing');
    await writeFile(join(ws.data, 'ready.txt'), 'ready');
    const ferry = ferryProcess(['sync', '--config', ws.config]);
    const s3 = adminS3();
    try {
      await waitUntil(async () => (await remoteTree(ws.prefix)).has('ready.txt'), 30_000, 'start');
      const sizes = new Map<string, Set<number>>();
      let writing = true;
      const watch = async (name: string) => {
        const seen = new Set<number>();
        sizes.set(name, seen);
        const key = `${ws.prefix}${name}`;
        while (writing || !seen.has(CHUNK * (PAUSES_MS.length + 1))) {
          try {
            const head = await s3.send(new HeadObjectCommand({ Bucket: rgw().bucket, Key: key }));
            seen.add(head.ContentLength ?? -1);
          } catch {
            // not there yet
          }
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      };
      const watching = Promise.all([watch('open.bin'), watch('append.bin')]);
      await Promise.all([
        writeSlowly(join(ws.data, 'open.bin'), 'open'),
        writeSlowly(join(ws.data, 'append.bin'), 'append'),
      ]);
      writing = false;
      await Promise.race([
        watching,
        new Promise((_, reject) => setTimeout(() => reject(new Error('never whole')), 20_000)),
      ]);

      const whole = CHUNK * (PAUSES_MS.length + 1);
      expect([...(sizes.get('open.bin') ?? [])]).toEqual([whole]);
      expect([...(sizes.get('append.bin') ?? [])]).toEqual([whole]);
      const remote = await remoteTree(ws.prefix);
      expect(remote.get('open.bin')).toBe(md5(await readFile(join(ws.data, 'open.bin'))));
      expect(remote.get('append.bin')).toBe(md5(await readFile(join(ws.data, 'append.bin'))));
    } finally {
      s3.destroy();
      ferry.kill('SIGTERM');
      const code = await new Promise<number | null>((resolve) => ferry.once('exit', resolve));
      expect(code, ferry.output()).toBe(0);
    }
  }, 90_000);
});
