import { isSyncError, SyncError } from '../errors/sync-error.js';
import type { Clock } from '../ports/clock.js';
import type { Digest } from '../ports/digest.js';
import type { FileSystem } from '../ports/file-system.js';
import type { Journal } from '../ports/journal.js';
import type { ObjectStore } from '../ports/object-store.js';
import type { TokenBucket } from './token-bucket.js';

/** A file to upload and where it goes. */
export interface UploadTarget {
  readonly folderId: string;
  readonly relativePath: string;
  readonly absolutePath: string;
  /** The directory the file is stat'ed and opened beneath, following no symlink below it
   *  (upload-source.ts): the synced folder's root, or the folder the user dropped. Absent only
   *  for a one-off drop of a single file, whose `absolutePath` the user chose. */
  readonly root?: string;
  /** The file's "/"-separated path below `root` when it is not `relativePath` (a drop's
   *  `relativePath` is its object key). */
  readonly pathBelowRoot?: string;
  readonly bucket: string;
  readonly remoteKey: string;
  /** A one-off upload (drag-and-drop): not part of the folder's sync state, so no file record
   *  is written (a mirror folder must never delete it, a scan must never "re-sync" it). */
  readonly oneOff?: boolean;
}

/** The multipart checkpoints of the journal: the upload steps write no file records (those are
 *  the FileLedger's, app/sync/file-ledger.ts, and only the FileUploader writes them through it). */
export type CheckpointJournal = Pick<
  Journal,
  'getCheckpoint' | 'startCheckpoint' | 'addCheckpointPart' | 'deleteCheckpoint'
>;

/** What the upload steps (single PUT, multipart loop and its completion) work with. */
export interface UploadDependencies {
  readonly fs: FileSystem;
  readonly store: ObjectStore;
  readonly journal: CheckpointJournal;
  readonly digest: Digest;
  readonly clock: Clock;
  readonly bandwidth: TokenBucket;
}

/**
 * The file went away while being read (the adapter's `file-vanished`, or a raw ENOENT from a
 * simpler FileSystem): not an error, the next scan sees the change. An adapter's own
 * `file-unreadable` passes through with its reason; anything else becomes one that says why.
 */
export function vanishedOrUnreadable(error: unknown, target: UploadTarget): 'vanished' {
  const code = (error as { code?: unknown }).code;
  if (code === 'file-vanished' || code === 'ENOENT' || code === 'ENOTDIR') return 'vanished';
  if (isSyncError(error)) throw error;
  throw new SyncError(
    'file-unreadable',
    'no-retry',
    `Cannot read ${target.relativePath} (${typeof code === 'string' ? code : String(error)}).`,
    {
      hint:
        code === 'EACCES' || code === 'EPERM'
          ? 'Give Ferry read permission on the file, or ignore it in .ferryignore.'
          : 'Ferry will try again at the next scan.',
      cause: error,
    },
  );
}
