import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SyncError } from '../../../../app/errors/sync-error.js';
import type { ObjectStore } from '../../../../app/ports/object-store.js';
import type { MemoryObjectStore } from '../../../fakes/memory-object-store.js';
import { createHarness } from './engine-harness.js';

/**
 * A session's close (`ferry serve` restarts it on every settings save) stops the engine, then
 * closes the journal. A transfer still running then must not write to the closed journal nor
 * throw out of the queue's un-awaited promise: that was an unhandled rejection that ended the
 * whole process ("journal … is closed").
 */
describe('stopping the engine under running transfers', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it('an upload that completes after the journal closed neither throws nor writes', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let putStarted = false;
    const h = createHarness({
      clock: 'instant',
      wrapStore: (store) =>
        override(store, {
          putObject: async (request) => {
            putStarted = true;
            await gate; // a slow upload: still in flight when the session closes
            return store.putObject(request);
          },
        }),
    });
    h.write('slow.txt', 'still uploading when the settings were saved');
    void h.engine.start();
    await until(() => putStarted);

    await h.engine.stop(0); // no time to settle: the upload is still going
    h.journal.close();
    const writes = vi.spyOn(h.journal, 'putTransferRow');
    release();
    await until(() => h.statesOf('slow.txt').length > 0 && settledIn(h.engine.transfers()));
    await new Promise((resolve) => setTimeout(resolve, 20)); // let a rejection surface

    expect(unhandled).toEqual([]);
    expect(writes).not.toHaveBeenCalled();
  });

  it('a transfer waiting for credentials is cancelled at once and recorded as interrupted', async () => {
    // The long-running engine waits for a secret that works instead of failing the file.
    const h = createHarness({ clock: 'fake', options: { failOnFatalCredentials: false } });
    const wrongSecret = () => new SyncError('sts-denied', 'fatal', 'The secret key is wrong.');
    h.sts.failNext(...Array.from({ length: 20 }, wrongSecret));
    h.write('a.txt', 'waits for a secret that works');
    void h.engine.start();
    await until(() => h.statesOf('a.txt').includes('waiting-for-credentials'));
    const before = h.clock.now();

    // The wait is up to a minute of the fake clock, which never moves here: stop ends it.
    await h.engine.stop();
    const rows = h.journal.listTransferRows();
    const file = h.journal.getFile('docs', 'a.txt');
    const history = h.journal.recentHistory(10);
    h.journal.close();

    expect(h.clock.now()).toBe(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rowKey: 'a.txt', state: 'skipped' });
    expect(JSON.parse(rows[0]?.data ?? '{}')).toMatchObject({
      note: expect.stringContaining('interrupted') as unknown,
    });
    // Not the file's failure: no failed record (the next session uploads it), no history.
    expect(file?.state).not.toBe('failed');
    expect(history).toEqual([]);
    expect(unhandled).toEqual([]);
  });
});

function settledIn(rows: readonly { state: string }[]): boolean {
  return rows.every((row) => !['queued', 'uploading'].includes(row.state));
}

/** The store with some methods replaced (the rest bound to it). */
function override(store: MemoryObjectStore, methods: Partial<ObjectStore>): ObjectStore {
  return new Proxy(store, {
    get: (target, property) => {
      const replaced = (methods as Record<string | symbol, unknown>)[property];
      if (replaced) return replaced;
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(condition()).toBe(true);
}
