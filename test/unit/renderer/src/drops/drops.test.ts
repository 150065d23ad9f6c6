import { describe, expect, it } from 'vitest';

import type { RequestArgs } from '../../../../../app/ipc/contract.js';
import { BridgeRequestError } from '../../../../../app/ipc/bridge-error.js';
import {
  addReply,
  EMPTY_OUTCOME,
  normalizeSubPrefix,
} from '../../../../../renderer/src/drops/drop-outcome.js';
import { dropToast } from '../../../../../renderer/src/drops/drop-toast.js';
import { localPathsOf, queuePaths } from '../../../../../renderer/src/drops/queue-paths.js';
import { runLimited } from '../../../../../renderer/src/drops/run-limited.js';
import { sendFiles, uploadUrl } from '../../../../../renderer/src/drops/send-files.js';
import { createI18n } from '../../../../../renderer/src/i18n/i18n.js';

const en = createI18n('en');
const target = { folderId: 'docs', subPrefix: 'inbox/' };

describe('runLimited', () => {
  it('never runs more than the limit at once and keeps results in order', async () => {
    let running = 0;
    let peak = 0;
    const results = await runLimited([30, 10, 20, 5, 15, 1], 3, async (ms, index) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running -= 1;
      return index;
    });
    expect(peak).toBe(3);
    expect(results).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('copes with no items', async () => {
    expect(await runLimited([], 4, () => Promise.resolve(1))).toEqual([]);
  });
});

describe('normalizeSubPrefix', () => {
  it.each([
    ['', ''],
    ['  ', ''],
    ['a/b', 'a/b/'],
    ['/a//b/', 'a/b/'],
    ['a\\b', 'a/b/'],
  ])('%j → %j', (input, output) => {
    expect(normalizeSubPrefix(input)).toBe(output);
  });
});

describe('sendFiles (browser drops)', () => {
  it('PUTs each file to /upload with the token, folder and sub-prefixed path, and sums replies', async () => {
    const urls: string[] = [];
    const progress: string[] = [];
    const outcome = await sendFiles({
      token: 'T&k',
      target,
      files: [
        { relativePath: 'photos/a b.jpg', file: 'A' },
        { relativePath: 'photos/c.jpg', file: 'C' },
        { relativePath: 'notes.txt', file: 'N' },
      ],
      put: (url, body) => {
        urls.push(url);
        if (body === 'C') {
          return Promise.resolve({
            ok: false,
            error: { code: 'too-big', message: 'Too big', hint: 'Split it' },
          });
        }
        if (body === 'N') {
          return Promise.resolve({ ok: true, result: { queued: 0, skipped: ['inbox/notes.txt'] } });
        }
        return Promise.resolve({ ok: true, result: { queued: 1, skipped: [] } });
      },
      concurrency: 2,
      start: EMPTY_OUTCOME,
      onProgress: ({ sent, total }) => progress.push(`${sent}/${total}`),
    });
    expect(urls[0]).toBe('/upload?token=T%26k&folderId=docs&path=inbox%2Fphotos%2Fa+b.jpg');
    expect(new URL(urls[0] ?? '', 'http://x').searchParams.get('path')).toBe(
      'inbox/photos/a b.jpg',
    );
    expect(outcome).toEqual({
      queued: 1,
      skipped: ['inbox/notes.txt'],
      // The code travels with the failure: the toast translates by it (issue 13).
      failures: [
        { path: 'inbox/photos/c.jpg', message: 'Too big', hint: 'Split it', code: 'too-big' },
      ],
    });
    expect(progress).toEqual(['0/3', '1/3', '2/3', '3/3']);
  });

  it('reports a network failure for that file and carries on', async () => {
    const outcome = await sendFiles({
      token: 't',
      target: { folderId: 'docs', subPrefix: '' },
      files: [
        { relativePath: 'a', file: 1 },
        { relativePath: 'b', file: 2 },
      ],
      put: (_url, body) =>
        body === 1
          ? Promise.reject(new Error('Failed to fetch'))
          : Promise.resolve({ ok: true, result: { queued: 1, skipped: [] } }),
      concurrency: 4,
      start: EMPTY_OUTCOME,
    });
    expect(outcome.queued).toBe(1);
    expect(outcome.failures).toEqual([{ path: 'a', message: 'Failed to fetch' }]);
  });

  it('builds the upload URL from the documented endpoint', () => {
    expect(uploadUrl('t', 'f', 'x/y.txt')).toBe('/upload?token=t&folderId=f&path=x%2Fy.txt');
  });
});

describe('queuePaths (desktop drops)', () => {
  type AddPaths = RequestArgs<'uploads:add-paths'>;

  function fakeBridge(answer: (args: AddPaths) => unknown) {
    const calls: AddPaths[] = [];
    return {
      calls,
      bridge: {
        invoke: (channel: string, args: unknown) => {
          if (channel !== 'uploads:add-paths') throw new Error(`unexpected ${channel}`);
          calls.push(args as AddPaths);
          const result = answer(args as AddPaths);
          return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
        },
      } as never,
    };
  }

  it('sends the dropped paths (folders included) with the target and returns what was queued', async () => {
    const { bridge, calls } = fakeBridge(() => ({ queued: 12, skipped: ['/tmp/.DS_Store'] }));
    const outcome = await queuePaths(bridge, target, ['/home/u/photos', '', '/home/u/a.txt']);
    expect(calls).toEqual([
      { folderId: 'docs', paths: ['/home/u/photos', '/home/u/a.txt'], subPrefix: 'inbox/' },
    ]);
    expect(outcome).toEqual({ queued: 12, skipped: ['/tmp/.DS_Store'], failures: [] });
  });

  it('splits more than 10,000 paths into several requests', async () => {
    const { bridge, calls } = fakeBridge((args) => ({ queued: args.paths.length, skipped: [] }));
    const paths = Array.from({ length: 10_001 }, (_, index) => `/p/${index}`);
    const outcome = await queuePaths(bridge, target, paths);
    expect(calls.map((call) => call.paths.length)).toEqual([10_000, 1]);
    expect(outcome.queued).toBe(10_001);
  });

  it('reports the engine’s refusal with its hint', async () => {
    const { bridge } = fakeBridge(
      () =>
        new BridgeRequestError({
          code: 'bad-path',
          message: 'Not readable',
          hint: 'Check permissions',
        }),
    );
    const outcome = await queuePaths(bridge, target, ['/root/secret']);
    expect(outcome.failures).toEqual([
      {
        path: '/root/secret',
        message: 'Not readable',
        hint: 'Check permissions',
        code: 'bad-path',
      },
    ]);
  });

  it('"Upload files…" on the desktop sends the dialog\'s paths; a drop, its files\' paths', () => {
    const noFile = (): string => {
      throw new Error('no File objects to ask a path of');
    };
    expect(localPathsOf({ files: [], paths: ['/home/u/a.txt', '/home/u/b.txt'] }, noFile)).toEqual([
      '/home/u/a.txt',
      '/home/u/b.txt',
    ]);
    const dropped = [new File(['x'], 'x.txt')];
    expect(localPathsOf({ files: dropped }, (file) => `/drop/${file.name}`)).toEqual([
      '/drop/x.txt',
    ]);
  });

  it('fails clearly when the drop carried no local paths', async () => {
    const { bridge, calls } = fakeBridge(() => null);
    const outcome = await queuePaths(bridge, target, ['']);
    expect(calls).toEqual([]);
    expect(outcome.failures).toHaveLength(1);
  });
});

describe('drop results', () => {
  it('ignores replies it cannot read as success', () => {
    expect(addReply(EMPTY_OUTCOME, 'x', { nope: true }).failures).toHaveLength(1);
    expect(addReply(EMPTY_OUTCOME, 'x', { ok: true, result: { queued: 'many' } }).queued).toBe(0);
  });

  it('adds no toast for a clean drop: the engine reports the batch once, when it ends (issue 13)', () => {
    expect(dropToast({ queued: 3, skipped: [], failures: [] }, 'docs', en)).toBeNull();
  });

  it('tells at once what a partly skipped drop left out', () => {
    expect(dropToast({ queued: 2, skipped: ['.DS_Store'], failures: [] }, 'docs', en)).toEqual({
      level: 'info',
      title: 'Queued 2 files for docs',
      body: '1 item skipped:\n.DS_Store',
    });
  });

  it('makes a drop with nothing accepted an error, never a blue "Queued 0 files"', () => {
    expect(dropToast({ queued: 0, skipped: ['link'], failures: [] }, 'docs', en)).toEqual({
      level: 'error',
      title: 'Nothing from the drop was uploaded to docs',
      body: '1 item skipped:\nlink',
    });
    expect(
      dropToast(
        { queued: 0, skipped: [], failures: [{ path: 'x', message: 'Denied.' }] },
        'docs',
        en,
      )?.level,
    ).toBe('error');
  });

  it('words a refusal by its code and params in the UI language (issue 13)', () => {
    const refused = addReply(EMPTY_OUTCOME, 'big.iso', {
      ok: false,
      error: {
        code: 'upload-too-large',
        message: 'big.iso is 9 bytes; ferry serve accepts at most 5 bytes per file.',
        hint: 'Copy large files into the synced folder instead, or raise --max-upload-bytes.',
        params: { name: 'big.iso', size: 9, limit: 5 },
      },
    });
    const toast = dropToast(refused, 'docs', createI18n('zh-CN'));
    expect(toast?.body).toBe(
      'big.iso: big.iso 大小为 9 字节；ferry serve 每个文件最多接受 5 字节。',
    );
    expect(toast?.hint).toMatch(/--max-upload-bytes/);
    expect(toast?.hint).toMatch(/同步文件夹/);
    // English keeps the engine's own sentence.
    expect(dropToast(refused, 'docs', en)?.body).toBe(
      'big.iso: big.iso is 9 bytes; ferry serve accepts at most 5 bytes per file.',
    );
  });

  it('lists skipped items and failures, a few at most', () => {
    const toast = dropToast(
      {
        queued: 1,
        skipped: ['a'],
        failures: [
          { path: 'p1', message: 'm1' },
          { path: 'p2', message: 'm2', hint: 'h2' },
          { path: 'p3', message: 'm3' },
          { path: 'p4', message: 'm4' },
        ],
      },
      'docs',
      en,
    );
    expect(toast).toEqual({
      level: 'error',
      title: '4 items could not be uploaded to docs',
      body: 'Queued 1 file for docs\np1: m1\np2: m2\np3: m3\n…and 1 more\n1 item skipped:\na',
      hint: 'h2',
    });
  });
});
