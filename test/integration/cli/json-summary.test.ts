import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { buildOnce } from '../../support/build-once.js';
import { ferry, ferryProcess, remoteTree, waitUntil, workspace } from '../sync/ferry-process.js';

interface SummaryJson {
  type: 'summary';
  uploaded: number;
  deleted: number;
  failed: {
    folderId: string;
    relativePath: string;
    code: string;
    message: string;
    hint: string | null;
  }[];
  skipped: number;
  notDone: number;
  bytes: number;
  elapsedMs: number;
  interrupted: boolean;
}

/** Every stdout line is one JSON object (NDJSON, nothing else); the last is the summary. */
function ndjson(stdout: string): { events: { type: string }[]; summary: SummaryJson } {
  const lines = stdout.split('\n');
  expect(lines.pop()).toBe(''); // ends with a newline
  const events = lines.map((line) => JSON.parse(line) as { type: string });
  const summaries = events.filter((event) => event.type === 'summary');
  expect(summaries).toHaveLength(1);
  expect(events.at(-1)?.type).toBe('summary');
  return { events, summary: summaries[0] as unknown as SummaryJson };
}

/** A name that is not UTF-8: a failure (invalid-name) with a hint, whoever runs the test. */
async function badName(dir: string): Promise<void> {
  const path = Buffer.concat([Buffer.from(`${dir}/bad`), Buffer.from([0xff]), Buffer.from('.txt')]);
  await writeFile(path, 'latin-1 leftovers');
}

describe('ferry sync --json: NDJSON only on stdout, ending with one summary object (issue 13)', () => {
  it('--once: the summary lists each failure with code, message and hint; exit 1', async () => {
    await buildOnce();
    const ws = await workspace('json-once');
    for (let i = 0; i < 20; i += 1) await writeFile(join(ws.data, `f${i}.txt`), `file ${i}`);
    await badName(ws.data);

    const result = await ferry(['sync', '--once', '--json', '--config', ws.config]);

    expect(result.code, result.stderr).toBe(1);
    const { events, summary } = ndjson(result.stdout);
    expect(events.some((event) => event.type === 'transfer')).toBe(true);
    expect(summary).toMatchObject({
      uploaded: 20,
      deleted: 0,
      skipped: 0,
      notDone: 0,
      interrupted: false,
      failed: [
        {
          folderId: 'data',
          relativePath: 'bad\\xff.txt',
          code: 'invalid-name',
          message: expect.stringMatching(/not valid UTF-8/) as unknown,
          hint: expect.stringMatching(/Rename it to a UTF-8 name/) as unknown,
        },
      ],
    });
    expect(summary.bytes).toBeGreaterThan(0);
    expect(summary.elapsedMs).toBeGreaterThan(0);
    // What was left behind is still said in words, on stderr.
    expect(result.stderr).toMatch(/^failed: data\/bad\\xff\.txt: .*\n {2}→ Rename it/m);
  }, 180_000);

  it('Ctrl+C during --once: the summary says interrupted and what is not done; exit 130', async () => {
    await buildOnce();
    const ws = await workspace('json-ctrl-c', { transfers: { bandwidthLimit: 256 * 1024 } });
    for (let i = 0; i < 40; i += 1) {
      await writeFile(join(ws.data, `f${i}.bin`), randomBytes(64 * 1024));
    }
    await badName(ws.data);
    const child = ferryProcess(['sync', '--once', '--json', '--config', ws.config]);
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await waitUntil(async () => (await remoteTree(ws.prefix)).size >= 3, 60_000, 'first uploads');
    child.kill('SIGINT');

    expect(await exited).toBe(130);
    const { summary } = ndjson(stdout);
    expect(summary.interrupted).toBe(true);
    expect(summary.uploaded).toBeGreaterThanOrEqual(3);
    expect(summary.uploaded).toBeLessThan(40);
    expect(summary.notDone).toBeGreaterThan(0);
    expect(summary.failed.map((f) => [f.relativePath, f.code, f.hint !== null])).toEqual([
      ['bad\\xff.txt', 'invalid-name', true],
    ]);
    expect(child.output()).toMatch(/^Interrupted: \d+ uploaded, 0 deleted, 1 failed, /m);
  }, 180_000);

  it('Ctrl+C while watching: the summary is the last stdout line; exit 0', async () => {
    await buildOnce();
    const ws = await workspace('json-watch');
    await writeFile(join(ws.data, 'a.txt'), 'a');
    const child = ferryProcess(['sync', '--json', '--config', ws.config]);
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await waitUntil(
      () => Promise.resolve(/Press Ctrl\+C to stop/.test(child.output())),
      60_000,
      'watching',
    );
    await waitUntil(async () => (await remoteTree(ws.prefix)).size === 1, 60_000, 'the upload');
    child.kill('SIGINT');

    expect(await exited).toBe(0);
    const { summary } = ndjson(stdout);
    expect(summary).toMatchObject({ uploaded: 1, failed: [], interrupted: true, notDone: 0 });
    expect(stdout).not.toMatch(/Press Ctrl\+C|Stopped:/); // the words are on stderr
  }, 180_000);

  it('--dry-run: one plan object per folder, nothing else on stdout; exit 1 as the run would', async () => {
    await buildOnce();
    const ws = await workspace('json-dry-run');
    await writeFile(join(ws.data, 'a.txt'), 'a');
    await badName(ws.data);

    const result = await ferry(['sync', '--dry-run', '--json', '--config', ws.config]);

    expect(result.code, result.stderr).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({
        type: 'plan',
        folderId: 'data',
        uploads: [{ relativePath: 'a.txt', reason: 'new', size: 1 }],
        deletes: [],
        leftOut: [expect.objectContaining({ relativePath: 'bad\\xff.txt', code: 'invalid-name' })],
      }),
    ]);
    expect((await remoteTree(ws.prefix)).size).toBe(0);
  }, 180_000);
});
