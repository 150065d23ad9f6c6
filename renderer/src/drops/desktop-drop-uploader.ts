import type { FerryBridge } from '../../../app/ipc/contract.js';
import type { DropUploader } from './drop-uploader.js';
import { localPathsOf, queuePaths } from './queue-paths.js';

/** The Electron window: each dropped item's path (folders included) goes to the engine, and so
 *  do the paths the "Upload files…" dialog chose. */
export function createDesktopDropUploader(
  bridge: FerryBridge,
  pathForFile: (file: File) => string,
): DropUploader {
  return {
    upload: (target, payload, onProgress) =>
      queuePaths(bridge, target, localPathsOf(payload, pathForFile), onProgress),
  };
}
