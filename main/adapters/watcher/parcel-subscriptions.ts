import { join } from 'node:path';

import type { AsyncSubscription, SubscribeCallback } from '@parcel/watcher';

/** What the parcel adapter needs of `@parcel/watcher` (loaded by select-watcher.ts, or a test). */
export interface ParcelBinding {
  subscribe(
    dir: string,
    callback: SubscribeCallback,
    options?: { ignore?: string[] },
  ): Promise<AsyncSubscription>;
}

/** Characters that make @parcel/watcher read an ignore entry as a glob instead of a path. */
const GLOB_CHARACTERS = /[*?[\]{}()!+@\\]/;

/**
 * The @parcel/watcher subscriptions of one watched folder, by directory below its root ('' is
 * the root's own): the root's, and one per subtree that appeared after the start.
 */
export class ParcelSubscriptions {
  private readonly byDirectory = new Map<string, Promise<AsyncSubscription | undefined>>();
  private closed = false;

  constructor(
    private readonly parcel: ParcelBinding,
    private readonly root: string,
    private readonly callback: SubscribeCallback,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Subscribes (ignoring these absolute paths); failures go to onError, never reject. */
  async add(directory: string, ignore: readonly string[] = []): Promise<void> {
    if (this.closed) return;
    const path = directory === '' ? this.root : join(this.root, directory);
    const subscription = this.parcel
      .subscribe(path, this.callback, {
        ignore: ignore.filter((ignoredPath) => !GLOB_CHARACTERS.test(ignoredPath)),
      })
      .then(
        async (done) => {
          if (!this.closed) return done;
          await unsubscribe(Promise.resolve(done)); // closed while subscribing
          return undefined;
        },
        (error: unknown) => {
          this.onError(error);
          return undefined;
        },
      );
    this.byDirectory.set(directory, subscription);
    await subscription;
  }

  /** Drops the subscriptions of a deleted directory and of everything below it. */
  removeBelow(directory: string): void {
    const below = `${directory}/`;
    for (const [watched, subscription] of this.byDirectory) {
      if (watched === directory || watched.startsWith(below)) {
        this.byDirectory.delete(watched);
        void unsubscribe(subscription);
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.byDirectory.values()].map((s) => unsubscribe(s)));
    this.byDirectory.clear();
  }
}

/** Parcel throws when the directory's watch is already gone (it was deleted): nothing to do. */
async function unsubscribe(subscription: Promise<AsyncSubscription | undefined>): Promise<void> {
  try {
    await (await subscription)?.unsubscribe();
  } catch {
    // already unwatched
  }
}
