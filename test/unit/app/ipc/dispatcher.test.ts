import { describe, expect, it } from 'vitest';

import type { RequestHandlers } from '../../../../app/ipc/contract.js';
import { requestChannels } from '../../../../app/ipc/contract.js';
import { createDispatcher, isRequestChannel } from '../../../../app/ipc/dispatcher.js';
import { SyncError } from '../../../../app/errors/sync-error.js';

/** Handlers that record what reached them, so a refused request provably never did. */
function recordingHandlers() {
  const received: { channel: string; args: unknown }[] = [];
  const handlers = Object.fromEntries(
    requestChannels.map((channel) => [
      channel,
      (args: unknown) => {
        received.push({ channel, args });
        if (channel === 'credentials:refresh') {
          return Promise.reject(
            new SyncError('sts-denied', 'fatal', 'STS denied AssumeRole.', {
              hint: 'Check the role.',
            }),
          );
        }
        if (channel === 'folders:open') return Promise.reject(new Error('boom at /secret/path'));
        return Promise.resolve({ echoed: args });
      },
    ]),
  ) as unknown as RequestHandlers;
  return { handlers, received };
}

describe('createDispatcher', () => {
  it.each([
    ['an unknown channel', 'shell:exec', {}],
    ['a prototype key as channel', '__proto__', {}],
    ['a non-string channel', 42, {}],
    ['a wrongly typed argument', 'folders:pause', { folderId: 42 }],
    ['an id with a path in it', 'folders:pause', { folderId: '../etc' }],
    ['an extra key', 'secrets:set', { profileId: 'lab', secret: 's', extra: true }],
    ['an empty secret', 'secrets:set', { profileId: 'lab', secret: '' }],
    ['an empty path list', 'uploads:add-paths', { folderId: 'docs', paths: [] }],
    ['arguments that are not an object', 'transfers:retry', 'all'],
    ['negative transfer ids', 'transfers:retry', { transferIds: [-1] }],
  ])('refuses %s before any handler runs', async (_what, channel, args) => {
    const { handlers, received } = recordingHandlers();
    const reply = await createDispatcher(handlers)(channel, args);
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(received).toEqual([]);
  });

  it('names the field that is wrong', async () => {
    const { handlers } = recordingHandlers();
    const reply = await createDispatcher(handlers)('folders:pause', { folderId: 42 });
    expect(reply.ok ? '' : reply.error.message).toMatch(/folders:pause: folderId: /);
  });

  it('passes validated arguments with defaults applied', async () => {
    const { handlers, received } = recordingHandlers();
    const reply = await createDispatcher(handlers)('uploads:add-paths', {
      folderId: 'docs',
      paths: ['/home/a/file.txt'],
    });
    expect(reply.ok).toBe(true);
    expect(received).toEqual([
      {
        channel: 'uploads:add-paths',
        args: { folderId: 'docs', paths: ['/home/a/file.txt'], subPrefix: '' },
      },
    ]);
  });

  it('treats missing arguments as an empty object', async () => {
    const { handlers } = recordingHandlers();
    const reply = await createDispatcher(handlers)('app:get-snapshot', undefined);
    expect(reply).toEqual({ ok: true, result: { echoed: {} } });
  });

  it("keeps a handler's SyncError code and hint", async () => {
    const { handlers } = recordingHandlers();
    const reply = await createDispatcher(handlers)('credentials:refresh', { profileId: 'lab' });
    expect(reply).toEqual({
      ok: false,
      error: { code: 'sts-denied', message: 'STS denied AssumeRole.', hint: 'Check the role.' },
    });
  });

  it('turns an unexpected error into "internal" without a stack', async () => {
    const { handlers } = recordingHandlers();
    const reply = await createDispatcher(handlers)('folders:open', { folderId: 'docs' });
    expect(reply).toEqual({
      ok: false,
      error: { code: 'internal', message: 'boom at /secret/path' },
    });
    expect(JSON.stringify(reply)).not.toContain('at Object');
  });

  it('knows exactly the contract channels', () => {
    expect(isRequestChannel('app:get-snapshot')).toBe(true);
    expect(isRequestChannel('toString')).toBe(false);
    expect(isRequestChannel('constructor')).toBe(false);
  });
});
