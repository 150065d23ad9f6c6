import { describe, expect, it } from 'vitest';

import { ChokidarWatcher } from '../../../../../main/adapters/watcher/chokidar-watcher.js';
import {
  ParcelWatcher,
  type ParcelBinding,
} from '../../../../../main/adapters/watcher/parcel-watcher.js';
import { selectWatcher } from '../../../../../main/adapters/watcher/select-watcher.js';
import { CaptureLogger } from '../../../../fakes/capture-logger.js';

/** Never subscribed to here: selecting an adapter must not start watching anything. */
const binding: ParcelBinding = {
  subscribe: () => Promise.reject(new Error('not expected in this test')),
};

describe('selectWatcher', () => {
  it('picks the native watcher when its module loads, and says so', () => {
    const logger = new CaptureLogger();
    const watcher = selectWatcher({ logger, loadParcel: () => binding });
    expect(watcher).toBeInstanceOf(ParcelWatcher);
    expect(logger.text()).toContain('@parcel/watcher');
  });

  it('falls back to chokidar when the native module cannot load, logging why', () => {
    const logger = new CaptureLogger();
    const watcher = selectWatcher({
      logger,
      loadParcel: () => {
        throw new Error('No prebuild or local build of @parcel/watcher found');
      },
    });
    expect(watcher).toBeInstanceOf(ChokidarWatcher);
    const warning = logger.lines.find((line) => line.level === 'warn');
    expect(warning?.message).toMatch(/chokidar/);
    expect(warning?.fields.reason).toBe('No prebuild or local build of @parcel/watcher found');
  });

  it('uses chokidar when FERRY_WATCHER asks for it, without loading the native module', () => {
    let loaded = false;
    const watcher = selectWatcher({
      logger: new CaptureLogger(),
      preference: ' Chokidar ',
      loadParcel: () => {
        loaded = true;
        return binding;
      },
    });
    expect(watcher).toBeInstanceOf(ChokidarWatcher);
    expect(loaded).toBe(false);
  });

  it('warns about an unknown FERRY_WATCHER value and chooses as if it were unset', () => {
    const logger = new CaptureLogger();
    const watcher = selectWatcher({ logger, preference: 'fsevents', loadParcel: () => binding });
    expect(watcher).toBeInstanceOf(ParcelWatcher);
    expect(logger.lines.find((line) => line.level === 'warn')?.fields.value).toBe('fsevents');
  });

  it('loads the installed @parcel/watcher on this machine', () => {
    const logger = new CaptureLogger();
    expect(selectWatcher({ logger })).toBeInstanceOf(ParcelWatcher);
  });
});
