import { createRequire } from 'node:module';

import type { FileWatcher } from '../../../app/ports/file-watcher.js';
import type { Logger } from '../../../app/ports/logger.js';
import { ChokidarWatcher } from './chokidar-watcher.js';
import { ParcelWatcher, type ParcelBinding } from './parcel-watcher.js';

export interface SelectWatcherOptions {
  readonly logger: Logger;
  /** `FERRY_WATCHER`: `parcel` or `chokidar` forces one (benchmarks, a misbehaving platform). */
  readonly preference?: string | undefined;
  /** Loads @parcel/watcher's native module; throws when there is no binary for this platform. */
  readonly loadParcel?: () => ParcelBinding;
}

const requireFromHere = createRequire(import.meta.url);

/**
 * The watcher the engine uses: @parcel/watcher (native; one watch per directory: 100,000 files
 * in 1,000 folders are watched in a fraction of a second and ~30 MB) when its prebuilt binary
 * loads, else chokidar (pure JavaScript, runs anywhere, one watch and some state per file:
 * ~10 s and ~600 MB for the same tree; measured in test/bench, scenario 5).
 */
export function selectWatcher(options: SelectWatcherOptions): FileWatcher {
  const preference = options.preference?.trim().toLowerCase() || undefined;
  if (preference === 'chokidar') {
    options.logger.info('file watcher: chokidar (FERRY_WATCHER=chokidar)');
    return new ChokidarWatcher();
  }
  if (preference !== undefined && preference !== 'parcel') {
    options.logger.warn('FERRY_WATCHER names no known watcher; choosing automatically', {
      value: preference,
      known: 'parcel, chokidar',
    });
  }
  try {
    const parcel = (options.loadParcel ?? loadParcelBinding)();
    options.logger.info('file watcher: @parcel/watcher (native)');
    return new ParcelWatcher(parcel);
  } catch (error) {
    options.logger.warn('file watcher: chokidar, because @parcel/watcher cannot be loaded', {
      reason: error instanceof Error ? error.message : String(error),
    });
    return new ChokidarWatcher();
  }
}

/** Synchronous, so that composing the engine stays synchronous; throws without a binary. */
function loadParcelBinding(): ParcelBinding {
  const parcel = requireFromHere('@parcel/watcher') as Partial<ParcelBinding>;
  if (typeof parcel.subscribe !== 'function') {
    throw new Error('@parcel/watcher has no subscribe()');
  }
  return parcel as ParcelBinding;
}
