import type { FileRecord } from '../ports/journal.js';
import type { ObjectInfo } from '../ports/object-store.js';
import type { FolderMode } from '../credentials/session-policy.js';
import type { LocalFile } from './folder-spec.js';
import { recordAboutPath, recordStatus } from './file-ledger.js';
import { KeyIndex, PATH_KEY_MAPPING, type KeyMapping } from './key-collisions.js';

export type UploadReason = 'new' | 'changed' | 'retry' | 'missing-remotely';

export interface PlannedUpload {
  readonly relativePath: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly reason: UploadReason;
}

export interface PlannedDelete {
  readonly relativePath: string;
  readonly remoteKey: string;
}

export interface PlannedConflict {
  readonly relativePath: string;
  readonly remoteKey: string;
  /** Why Ferry does not overwrite: the remote object is not what Ferry last uploaded. */
  readonly reason: string;
}

/** Local files that map to one object key: none of them is uploaded (each fails, naming the
 *  others), none of their objects is deleted. */
export interface PlannedCollision {
  readonly relativePath: string;
  readonly size: number;
  /** The other local paths with the same key. */
  readonly others: readonly string[];
}

export interface PlanInput {
  readonly mode: FolderMode;
  /** What the scan found. null when the folder root itself is missing or not a directory. */
  readonly local: ReadonlyMap<string, LocalFile> | null;
  readonly journal: ReadonlyMap<string, FileRecord>;
  /** The remote listing under the prefix, by key; undefined when listing is not allowed. */
  readonly remote?: ReadonlyMap<string, ObjectInfo>;
  /** Since when each journaled file has been seen missing (mirror-mode delete delay). */
  readonly missingSince: ReadonlyMap<string, number>;
  readonly now: number;
  readonly deleteDelayMs: number;
  /** Deletes beyond this many need the user's confirmation… */
  readonly massDeleteCount: number;
  /** …and beyond this fraction of the folder's journaled files. Both must be exceeded. */
  readonly massDeleteFraction: number;
  /** The user confirmed the pending mass delete. */
  readonly deletesConfirmed: boolean;
  /** How paths become keys (prefix, NFC, the store's case rules); default: NFC paths. */
  readonly keys?: KeyMapping;
  /** The local files by key, when the caller keeps one (built from `local` and `keys`). */
  readonly keyIndex?: KeyIndex;
}

export interface Plan {
  readonly uploads: PlannedUpload[];
  readonly deletes: PlannedDelete[];
  /** Files gone locally in upload mode: the journal forgets them, the bucket keeps them. */
  readonly forget: string[];
  readonly conflicts: PlannedConflict[];
  /** Files whose key another local file also maps to: failed, never uploaded nor deleted. */
  readonly collisions: PlannedCollision[];
  /** Unchanged files (one stat each, nothing else). */
  readonly unchanged: number;
  /** Updated delete-delay bookkeeping, to pass to the next plan. */
  readonly missingSince: Map<string, number>;
  /** Set when the folder must pause instead of deleting: says why. */
  readonly deletePause: 'root-missing' | 'root-empty' | 'mass-delete' | null;
}

/** The journal's record of a path, if it is about the object the path maps to now
 *  (file-ledger.ts: a record of another key is about an object outside this folder's prefix). */
function recordHere(input: PlanInput, relativePath: string): FileRecord | undefined {
  return recordAboutPath(input.journal.get(relativePath), relativePath, input.keys);
}

/**
 * Compares the folder on disk with the journal (and the remote listing when allowed) and decides,
 * file by file, what to do. Pure: no I/O, no clock of its own.
 *
 * Safety rules (DESIGN.md §4, "Nothing is lost"):
 * - `upload` mode never deletes remotely;
 * - `mirror` mode deletes only after `deleteDelayMs`, never when the root is missing or empty
 *   while the journal is not, and never beyond the mass-delete threshold without confirmation;
 * - an object that changed remotely since Ferry uploaded it is a conflict, not overwritten;
 * - two local files with one key (NFC/NFD, or case on a case-insensitive store) are both
 *   refused, and no delete ever targets a key a local file still maps to.
 */
export function planFolder(input: PlanInput): Plan {
  const uploads: PlannedUpload[] = [];
  const conflicts: PlannedConflict[] = [];
  const forget: string[] = [];
  let unchanged = 0;
  const local = input.local ?? new Map<string, LocalFile>();
  const keys = input.keyIndex ?? KeyIndex.of(local.keys(), input.keys ?? PATH_KEY_MAPPING);
  const collisions: PlannedCollision[] = [];
  // Every plan carries the upload side; only the delete side differs between the endings below.
  const planWith = (
    deletes: PlannedDelete[],
    missingSince: Map<string, number>,
    deletePause: Plan['deletePause'],
  ): Plan => ({
    uploads,
    deletes,
    forget,
    conflicts,
    collisions,
    unchanged,
    missingSince,
    deletePause,
  });

  for (const file of local.values()) {
    const others = keys.othersOf(file.relativePath);
    if (others.length > 0) {
      collisions.push({ relativePath: file.relativePath, size: file.size, others });
      continue;
    }
    const record = recordHere(input, file.relativePath);
    // The one rule for "already uploaded?" (file-ledger.ts); the reasons only label its answer.
    const status = recordStatus(record, file.relativePath, file);
    if (!record || status === 'unrecorded') {
      uploads.push({ ...file, reason: 'new' });
      continue;
    }
    if (status === 'failed') {
      uploads.push({ ...file, reason: 'retry' });
      continue;
    }
    const remote = input.remote ? input.remote.get(record.remoteKey) : undefined;
    if (input.remote && remote && record.etag !== null && remote.etag !== record.etag) {
      conflicts.push({
        relativePath: file.relativePath,
        remoteKey: record.remoteKey,
        reason: `the object was changed in the bucket by someone else since Ferry uploaded it (ETag ${remote.etag}, Ferry uploaded ${record.etag})`,
      });
      continue;
    }
    if (status === 'changed') uploads.push({ ...file, reason: 'changed' });
    else if (input.remote && !remote) uploads.push({ ...file, reason: 'missing-remotely' });
    else unchanged += 1;
  }

  const missing = [...input.journal.values()].filter((record) => !local.has(record.relativePath));
  // A record whose object a local file still maps to (renamed from NFD to NFC, say): deleting
  // that object would delete the other file's. Forget the record; the bucket keeps the object.
  const gone: FileRecord[] = [];
  for (const record of missing) {
    if (
      keys.claimsKey(record.remoteKey) ||
      keys.claimsPathOf(record.relativePath) ||
      !recordHere(input, record.relativePath)
    ) {
      forget.push(record.relativePath);
    } else gone.push(record);
  }
  const missingSince = new Map<string, number>();
  if (input.mode === 'upload') {
    forget.push(...gone.map((record) => record.relativePath));
    return planWith([], missingSince, null);
  }

  // Mirror mode. A missing or emptied root looks exactly like "the user deleted everything":
  // it is far more often an unmounted disk or a failed sync of another tool. Never delete then —
  // unless the user confirmed an emptied folder (the pause says so; a missing root never).
  const rootProblem =
    input.local === null
      ? 'root-missing'
      : local.size === 0 && gone.length > 0 && !input.deletesConfirmed
        ? 'root-empty'
        : null;
  if (rootProblem) return planWith([], new Map(input.missingSince), rootProblem);
  const due: PlannedDelete[] = [];
  for (const record of gone) {
    const since = input.missingSince.get(record.relativePath) ?? input.now;
    if (input.now - since >= input.deleteDelayMs) {
      due.push({ relativePath: record.relativePath, remoteKey: record.remoteKey });
    } else missingSince.set(record.relativePath, since);
  }
  const massive =
    due.length > input.massDeleteCount &&
    due.length > input.massDeleteFraction * input.journal.size;
  if (massive && !input.deletesConfirmed) {
    for (const d of due) {
      missingSince.set(d.relativePath, input.missingSince.get(d.relativePath) ?? input.now);
    }
    return planWith([], missingSince, 'mass-delete');
  }
  return planWith(due, missingSince, null);
}
