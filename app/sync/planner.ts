import type { FileSummary } from '../ports/journal.js';
import type { ObjectInfo } from '../ports/object-store.js';
import type { FolderMode } from '../credentials/session-policy.js';
import type { LocalFile } from './folder-spec.js';
import { recordAboutPath, recordStatus, type RecordSource } from './file-ledger.js';
import { KeyIndex, PATH_KEY_MAPPING, type KeyMapping } from './key-collisions.js';
import { ScannedFiles } from './scanned-files.js';

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
  readonly local: ReadonlyMap<string, LocalFile> | ScannedFiles | null;
  /** The folder's records, each once: streamed from the journal (FileLedger.summariesOf), or a
   *  Map of them by path. */
  readonly journal: RecordSource;
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

/** What the journal pass decided for one local file, kept as its index here in one byte per
 *  file; 'new' (no record about the file's object) is 0, what a fresh array holds. */
const VERDICTS = ['new', 'retry', 'changed', 'missing-remotely', 'conflict', 'unchanged'] as const;
type Verdict = (typeof VERDICTS)[number];

/** A record with no local file: only what deciding forget or delete needs is kept. */
interface MissingRecord {
  readonly relativePath: string;
  readonly remoteKey: string;
  /** Whether the record is about the object the path maps to now (recordAboutPath). */
  readonly here: boolean;
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
  const local = ScannedFiles.from(input.local);
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

  // One pass over the journal (streamed: never all records at once), deciding each local file
  // by its position; then one pass over the scan, in its order, to say so.
  const verdicts = new Uint8Array(local.size);
  const conflictOf = new Map<number, PlannedConflict>();
  const missing: MissingRecord[] = [];
  let recordCount = 0;
  input.journal.forEach((record) => {
    recordCount += 1;
    const position = local.positionOf(record.relativePath);
    if (position < 0) {
      const here = recordAboutPath(record, record.relativePath, input.keys) !== undefined;
      missing.push({ relativePath: record.relativePath, remoteKey: record.remoteKey, here });
    } else {
      verdicts[position] = VERDICTS.indexOf(verdictOf(input, record, local, position, conflictOf));
    }
  });

  for (let position = 0; position < local.size; position++) {
    const relativePath = local.pathAt(position);
    const others = keys.othersOf(relativePath);
    if (others.length > 0) {
      collisions.push({ relativePath, size: local.sizeAt(position), others });
      continue;
    }
    const verdict = VERDICTS[verdicts[position] ?? 0] ?? 'new';
    if (verdict === 'unchanged') unchanged += 1;
    else if (verdict === 'conflict') {
      const conflict = conflictOf.get(position);
      if (conflict) conflicts.push(conflict);
    } else uploads.push({ ...local.fileAt(position), reason: verdict });
  }

  // A record whose object a local file still maps to (renamed from NFD to NFC, say): deleting
  // that object would delete the other file's. Forget the record; the bucket keeps the object.
  const gone: MissingRecord[] = [];
  for (const record of missing) {
    if (
      keys.claimsKey(record.remoteKey) ||
      keys.claimsPathOf(record.relativePath) ||
      !record.here
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
    due.length > input.massDeleteCount && due.length > input.massDeleteFraction * recordCount;
  if (massive && !input.deletesConfirmed) {
    for (const d of due) {
      missingSince.set(d.relativePath, input.missingSince.get(d.relativePath) ?? input.now);
    }
    return planWith([], missingSince, 'mass-delete');
  }
  return planWith(due, missingSince, null);
}

/**
 * What one record says of the local file at `position`: the one rule for "already uploaded?"
 * (file-ledger.ts) labelled with its reason, and the remote side when it is listed. A conflict's
 * text is kept aside (they are rare); everything else is one byte.
 */
function verdictOf(
  input: PlanInput,
  found: FileSummary,
  local: ScannedFiles,
  position: number,
  conflictOf: Map<number, PlannedConflict>,
): Verdict {
  const relativePath = local.pathAt(position);
  // The record, if it is about the object the path maps to now (file-ledger.ts: a record of
  // another key is about an object outside this folder's prefix).
  const record = recordAboutPath(found, relativePath, input.keys);
  const version = { size: local.sizeAt(position), mtimeMs: local.mtimeAt(position) };
  const status = recordStatus(record, relativePath, version);
  if (!record || status === 'unrecorded') return 'new';
  if (status === 'failed') return 'retry';
  const remote = input.remote ? input.remote.get(record.remoteKey) : undefined;
  if (input.remote && remote && record.etag !== null && remote.etag !== record.etag) {
    conflictOf.set(position, {
      relativePath,
      remoteKey: record.remoteKey,
      reason: `the object was changed in the bucket by someone else since Ferry uploaded it (ETag ${remote.etag}, Ferry uploaded ${record.etag})`,
    });
    return 'conflict';
  }
  if (status === 'changed') return 'changed';
  if (input.remote && !remote) return 'missing-remotely';
  return 'unchanged';
}
