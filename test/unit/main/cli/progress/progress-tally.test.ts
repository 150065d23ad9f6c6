import { describe, expect, it } from 'vitest';

import { UNCHANGED_NOTE } from '../../../../../app/engine/transfer-runner.js';
import type { Transfer } from '../../../../../app/transfer/transfer-queue.js';
import { ProgressTally } from '../../../../../main/cli/progress/progress-tally.js';

function transfer(id: number, path: string, change: Partial<Transfer> = {}): Transfer {
  return {
    id,
    folderId: 'docs',
    relativePath: path,
    kind: 'upload',
    origin: 'sync',
    drop: null,
    size: 1000,
    bytesDone: 0,
    state: 'queued',
    retryAt: null,
    error: null,
    note: null,
    partsReused: 0,
    startedAt: null,
    finishedAt: null,
    ...change,
  };
}

/** The events the real queue sends for one upload (transfer-queue.ts `start`). */
function lifecycle(tally: ProgressTally, id: number, path: string, size = 1000): void {
  tally.apply(transfer(id, path, { size }));
  tally.apply(transfer(id, path, { size, state: 'uploading', startedAt: 1 }));
  tally.apply(transfer(id, path, { size, state: 'uploading', bytesDone: size / 2 }));
  tally.apply(transfer(id, path, { size, state: 'done', bytesDone: size }));
  // …and once more with its finish time: the event the old reporter counted a second time.
  tally.apply(transfer(id, path, { size, state: 'done', bytesDone: size, finishedAt: 2 }));
}

describe('the CLI progress tally (issue 13: "↑ 400/200 files")', () => {
  it('counts each finished file and its bytes once', () => {
    const tally = new ProgressTally();
    for (let i = 1; i <= 200; i += 1) lifecycle(tally, i, `f${i}`);
    expect(tally.counts()).toEqual({
      filesDone: 200,
      filesTotal: 200,
      filesFailed: 0,
      filesSkipped: 0,
      filesLeft: 0,
      deletesDone: 0,
      deletesTotal: 0,
      bytesDone: 200_000,
      bytesTotal: 200_000,
      bytesSent: 200_000,
    });
  });

  it('shows partial bytes of files in flight and lists them', () => {
    const tally = new ProgressTally();
    tally.apply(transfer(1, 'a', { state: 'uploading', bytesDone: 250, startedAt: 5 }));
    tally.apply(transfer(2, 'b', { state: 'uploading', bytesDone: 100, startedAt: 3 }));
    tally.apply(transfer(3, 'c'));
    expect(tally.counts()).toMatchObject({
      filesDone: 0,
      filesTotal: 3,
      filesLeft: 3,
      bytesDone: 350,
    });
    expect(tally.inFlight().map((t) => t.relativePath)).toEqual(['b', 'a']);
  });

  it('counts a path re-queued after a change once, and the bytes it sent twice for speed', () => {
    const tally = new ProgressTally();
    lifecycle(tally, 1, 'a');
    lifecycle(tally, 7, 'a', 2000);
    expect(tally.counts()).toMatchObject({ filesDone: 1, filesTotal: 1, bytesTotal: 2000 });
    expect(tally.counts().bytesSent).toBe(3000);
  });

  it('counts bytes resent by a retry, and ignores a replaced older transfer', () => {
    const tally = new ProgressTally();
    tally.apply(transfer(1, 'a', { state: 'uploading', bytesDone: 600 }));
    tally.apply(transfer(1, 'a', { state: 'retrying', bytesDone: 0 }));
    tally.apply(transfer(1, 'a', { state: 'uploading', bytesDone: 400 }));
    expect(tally.counts().bytesSent).toBe(1000);
    tally.apply(transfer(3, 'b'));
    tally.apply(transfer(2, 'b', { state: 'skipped', note: 'replaced by a newer request' }));
    expect(tally.counts()).toMatchObject({ filesTotal: 2, filesSkipped: 0 });
  });

  it('keeps failures (with their reasons) and skips apart from the bytes still to send', () => {
    const tally = new ProgressTally();
    lifecycle(tally, 1, 'ok');
    const error = { code: 'access-denied', message: 'Access denied', hint: 'Check the policy.' };
    tally.apply(transfer(2, 'denied', { state: 'failed', error, bytesDone: 10 }));
    tally.apply(transfer(2, 'denied', { state: 'failed', error, finishedAt: 9 }));
    tally.apply(transfer(3, 'gone', { state: 'skipped', note: 'no longer exists' }));
    tally.apply(transfer(4, 'same', { state: 'skipped', note: UNCHANGED_NOTE }));
    tally.apply(transfer(5, 'old', { kind: 'delete', size: 0, state: 'done' }));
    expect(tally.counts()).toMatchObject({
      filesDone: 1,
      filesTotal: 2,
      filesFailed: 1,
      filesSkipped: 1,
      deletesDone: 1,
      deletesTotal: 1,
      bytesTotal: 1000,
    });
    expect(tally.failures().map((t) => [t.relativePath, t.message])).toEqual([
      ['denied', 'Access denied'],
    ]);
  });

  it('counts a path the scan could not read as failed, once', () => {
    const tally = new ProgressTally();
    lifecycle(tally, 1, 'ok');
    const bad = {
      folderId: 'docs',
      relativePath: 'bad\\xff.txt',
      code: 'invalid-name',
      message: 'Name is not valid UTF-8: it cannot become an object key.',
      hint: 'Rename it to a UTF-8 name.',
    };
    tally.scanFailed(bad);
    tally.scanFailed(bad); // a rescan reports it again
    expect(tally.counts()).toMatchObject({ filesDone: 1, filesTotal: 1, filesFailed: 1 });
    // Listed with its reason and fix (the Ctrl+C summary and --json's summary print these).
    expect(tally.failures()).toEqual([bad]);
  });

  it('counts each conflicting path once, however often a rescan reports it', () => {
    const tally = new ProgressTally();
    tally.conflicted('docs', 'a.txt');
    tally.conflicted('docs', 'a.txt');
    tally.conflicted('docs', 'b.txt');
    expect(tally.conflicts()).toBe(2);
  });
});
