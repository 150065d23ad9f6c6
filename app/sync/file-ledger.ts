import { isSyncError, SyncError } from '../errors/sync-error.js';
import type { Clock } from '../ports/clock.js';
import type { FileRecord, FileSummary, Journal } from '../ports/journal.js';
import type { FolderSpec } from './folder-spec.js';
import { folderKeyMapping, type KeyMapping } from './key-collisions.js';
import { toObjectKey } from './object-key.js';

/** A version of a local file, as one stat sees it: what a record is compared with. */
export interface FileVersion {
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * What the journal knows of one local version:
 * - `unrecorded`: nothing, or only a record about another object (an older prefix or key rules);
 * - `failed`: the last attempt failed, so the bucket may hold anything: upload again;
 * - `changed`: uploaded once, but the file on disk is another version now;
 * - `current`: exactly this version is in the bucket, under the key the path maps to now.
 */
export type RecordStatus = 'unrecorded' | 'failed' | 'changed' | 'current';

/** The folder facts a record's key depends on. */
export type LedgerFolder = Pick<FolderSpec, 'id' | 'prefix' | 'keyRules'>;

/** The part of the journal that holds file records (checkpoints and history are not records). */
export type FileRecordJournal = Pick<
  Journal,
  'getFile' | 'listFiles' | 'forEachFileSummary' | 'putFile' | 'deleteFile'
>;

/** A folder's records, each once, in any order (planner.ts): a Map's forEach fits too. */
export interface RecordSource {
  forEach(visit: (record: FileSummary) => void): void;
}

/**
 * The record, if it is about the object the path maps to now. A record of another key (the
 * folder's prefix was changed in the config, or the store's key rules) is about an object outside
 * this folder's prefix: the file is new here, and that object is never deleted. Compared by key
 * identity (NFC, and case-folded on a case-insensitive store), not spelling: two spellings of one
 * identity are one object in the bucket, so its record is about that object either way.
 * @param keys - the folder's key mapping; without one (old callers, tests) any record is here.
 */
export function recordAboutPath<Record extends FileSummary>(
  record: Record | undefined,
  relativePath: string,
  keys?: KeyMapping,
): Record | undefined {
  if (!record || !keys) return record;
  const identity = keys.identityOfPath(relativePath);
  return identity === null || identity === keys.identityOfKey(record.remoteKey)
    ? record
    : undefined;
}

/**
 * The one rule for "is this local version already uploaded?" — used by the planner (full scans),
 * the watcher's fast path and the uploader (a second event for one write). It used to be three:
 * the fast path ignored the record's key, the uploader compared key spellings, the planner key
 * identities. The planner's is kept, since it is the one the scans (and their tests) stand on:
 * a record under another prefix does not make a file current, and one object is one object
 * however its key is spelt.
 */
export function recordStatus(
  record: FileSummary | undefined,
  relativePath: string,
  version: FileVersion,
  keys?: KeyMapping,
): RecordStatus {
  const here = recordAboutPath(record, relativePath, keys);
  if (!here) return 'unrecorded';
  if (here.state === 'failed') return 'failed';
  return here.size === version.size && here.mtimeMs === version.mtimeMs ? 'current' : 'changed';
}

/**
 * The single owner of the journal's file records: every write of a record (synced, failed,
 * forgotten) and every "already uploaded?" question goes through here, so the rules for what a
 * record says live in one file. Checkpoints (multipart-uploader.ts) and history (transfer
 * runner) are not file records and stay with their owners.
 *
 * Synchronous, like the journal port: each call is one short transaction.
 */
export class FileLedger {
  private readonly folders = new Map<string, { folder: LedgerFolder; keys: KeyMapping }>();

  constructor(
    private readonly journal: FileRecordJournal,
    private readonly clock: Clock,
    folders: Iterable<LedgerFolder>,
  ) {
    for (const folder of folders) {
      this.folders.set(folder.id, {
        folder,
        keys: folderKeyMapping(folder.prefix, folder.keyRules),
      });
    }
  }

  /** Every record of a folder by its relative path (the planner compares them all at once). */
  recordsOf(folderId: string): Map<string, FileRecord> {
    return new Map(this.journal.listFiles(folderId).map((record) => [record.relativePath, record]));
  }

  /**
   * The folder's records as the planner compares them, streamed from the journal each time it is
   * read: 100,000 records are never all in memory (issue 15), where recordsOf builds a map.
   */
  summariesOf(folderId: string): RecordSource {
    return { forEach: (visit) => this.journal.forEachFileSummary(folderId, visit) };
  }

  recordOf(folderId: string, relativePath: string): FileRecord | undefined {
    return this.journal.getFile(folderId, relativePath);
  }

  /** Whether exactly this version of the path is uploaded (recordStatus, the one rule). */
  isCurrent(folderId: string, relativePath: string, version: FileVersion): boolean {
    const record = this.journal.getFile(folderId, relativePath);
    return recordStatus(record, relativePath, version, this.known(folderId).keys) === 'current';
  }

  /**
   * The store confirmed the upload and the file was re-checked unchanged (DESIGN.md §4): only
   * then is a version recorded as synced. The key is the one the object was written under.
   */
  recordSynced(
    upload: {
      readonly folderId: string;
      readonly relativePath: string;
      readonly remoteKey: string;
    },
    version: FileVersion,
    stored: { readonly md5: string | null; readonly etag: string },
  ): void {
    this.known(upload.folderId); // records are for the folders synced (a one-off drop has none)
    this.journal.putFile({
      folderId: upload.folderId,
      relativePath: upload.relativePath,
      size: version.size,
      mtimeMs: version.mtimeMs,
      md5: stored.md5,
      remoteKey: upload.remoteKey,
      etag: stored.etag,
      state: 'synced',
      lastError: null,
      updatedAt: this.clock.now(),
    });
  }

  /**
   * The upload of the path failed: recorded as failed, never as synced, so the next scan retries
   * it, and a mirror delete of it never trusts the object at its key (guarded-delete.ts).
   * A path recorded before keeps that record's key: the record stays about the object Ferry last
   * wrote for it (one under an older prefix is then forgotten by the planner, never deleted).
   * Otherwise the key is the one the upload was for, via toObjectKey: NFC, as every key Ferry
   * writes (it used to be prefix + path as on disk, so an NFD name got an NFD key).
   */
  recordFailed(folderId: string, relativePath: string, size: number, reason: string): void {
    const { folder } = this.known(folderId);
    const previous = this.journal.getFile(folderId, relativePath);
    this.journal.putFile({
      folderId,
      relativePath,
      size,
      mtimeMs: -1, // no version was recorded: the state alone says "upload again"
      md5: null,
      remoteKey: previous?.remoteKey ?? keyForRecord(folder, relativePath),
      etag: null,
      state: 'failed',
      lastError: reason,
      updatedAt: this.clock.now(),
    });
  }

  /** Drops the record (the file is gone, or its object is): the bucket is not touched here. */
  forget(folderId: string, relativePath: string): void {
    this.journal.deleteFile(folderId, relativePath);
  }

  private known(folderId: string): { folder: LedgerFolder; keys: KeyMapping } {
    const known = this.folders.get(folderId);
    if (known) return known;
    throw new SyncError('internal', 'fatal', `The file ledger knows no folder "${folderId}".`, {
      hint: 'This is a Ferry bug: the engine was built without that folder. Please report it.',
    });
  }
}

/**
 * The key a failed record names. A path no store can hold (toObjectKey's invalid-name: too long,
 * a control character) failed for exactly that reason and still needs a record, so it keeps the
 * NFC spelling toObjectKey would have made; no object is ever written under it.
 */
function keyForRecord(folder: LedgerFolder, relativePath: string): string {
  try {
    return toObjectKey(folder.prefix, relativePath, folder.keyRules);
  } catch (error) {
    if (isSyncError(error)) return `${folder.prefix}${relativePath}`.normalize('NFC');
    throw error;
  }
}
