import type { FileSystem } from '../ports/file-system.js';
import type { FileLedger } from '../sync/file-ledger.js';
import type { FolderSpec } from '../sync/folder-spec.js';
import type { IgnoreRules } from '../sync/ignore-rules.js';
import type { KeyIndex } from '../sync/key-collisions.js';
import type { TransferQueue } from '../transfer/transfer-queue.js';
import { trackFastPathKey } from './fast-path-keys.js';
import { fastPathStat } from './fast-path-stat.js';

/** What the watcher's fast path reads and feeds, for one folder. */
export interface FastPathFolder {
  readonly spec: FolderSpec;
  readonly rules: IgnoreRules;
  readonly fs: FileSystem;
  readonly ledger: FileLedger;
  readonly queue: TransferQueue;
  /** The folder's key index as the last full scan left it (that scan replaces it). */
  readonly keyIndex: () => KeyIndex;
}

/**
 * The watcher's fast path for one changed path, between full scans: one stat, one ledger lookup.
 * A file not current in the ledger is queued; in upload mode a file gone is forgotten (the bucket
 * keeps it). Directory moves and mirror deletes never come here: they need the full planner and
 * its safety rules (folder-watch.ts).
 */
export async function checkPathFast(folder: FastPathFolder, relativePath: string): Promise<void> {
  const { spec, fs, ledger, queue } = folder;
  if (folder.rules.isIgnored(relativePath, false)) return;
  const stat = await fastPathStat(fs, spec.root, relativePath);
  if (stat === 'ask-uploader') {
    queue.enqueue({ folderId: spec.id, relativePath, kind: 'upload', size: 0 });
    return;
  }
  const size = stat?.kind === 'file' ? stat.size : null;
  const target = { folderId: spec.id, queue };
  const recheck = (path: string) => checkPathFast(folder, path);
  if (await trackFastPathKey(folder.keyIndex(), target, relativePath, size, recheck)) return;
  if (stat?.kind === 'file') {
    if (!ledger.isCurrent(spec.id, relativePath, stat)) {
      queue.enqueue({ folderId: spec.id, relativePath, kind: 'upload', size: stat.size });
    }
  } else if (spec.mode === 'upload' && ledger.recordOf(spec.id, relativePath)) {
    ledger.forget(spec.id, relativePath); // gone locally; the bucket keeps it
  }
}
