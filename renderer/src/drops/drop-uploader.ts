import type { DropOutcome, DropProgress, DropTarget } from './drop-outcome.js';

/**
 * Drag-and-drop uploads. The desktop hands the engine local paths (it reads the files itself);
 * a browser has no paths, so it streams each file to `ferry serve` over HTTP. The UI does not
 * care which: it captures the drop, picks a folder and calls `upload`.
 */

/** What a drop event carried, captured while the event lasts (DataTransfer dies with it). */
export interface DropPayload {
  readonly files: readonly File[];
  /** The same items as file-system entries, to walk dropped folders in a browser. */
  readonly entries: readonly FileSystemEntry[];
  /** Desktop "Upload files…": absolute paths the system's open dialog chose (no File objects). */
  readonly paths?: readonly string[];
}

export interface DropUploader {
  upload(
    target: DropTarget,
    payload: DropPayload,
    onProgress?: (progress: DropProgress) => void,
  ): Promise<DropOutcome>;
}
