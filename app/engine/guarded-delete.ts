import { toSyncError, type SyncError } from '../errors/sync-error.js';
import type { Clock } from '../ports/clock.js';
import type { FileRecord } from '../ports/journal.js';
import type { ObjectStore } from '../ports/object-store.js';
import type { FileLedger } from '../sync/file-ledger.js';
import type { FolderSpec } from '../sync/folder-spec.js';
import type { Transfer } from '../transfer/transfer-queue.js';
import type { EngineEvent } from './engine-events.js';

/** The note of a delete whose object was already gone from the bucket. */
export const ALREADY_GONE_NOTE = 'already gone from the bucket; nothing to delete';

/** What the delete step needs from the transfer runner (each bound to the one transfer). */
export interface DeleteStepContext {
  readonly ledger: FileLedger;
  readonly clock: Clock;
  readonly stores: ReadonlyMap<string, ObjectStore>;
  /** Reported like the planner's conflicts (remote listing): counted, exit 1, kept. */
  readonly conflict?: (conflict: Omit<Extract<EngineEvent, { type: 'conflict' }>, 'type'>) => void;
  readonly retried: <T>(operation: () => Promise<T>) => Promise<T>;
  readonly history: (result: 'ok' | 'failed', started: number, error: string | null) => void;
  readonly finish: (state: 'done' | 'skipped', note: string | null) => void;
  readonly fail: (error: SyncError) => void;
}

/**
 * The delete of a path gone locally (mirror mode): the object goes only if it is still the one
 * Ferry uploaded. Replaced by someone else: kept, reported as a conflict, and the journal keeps
 * its record so every run shows it until the user decides. Already gone: the record is forgotten.
 */
export async function runDeleteStep(
  folder: FolderSpec,
  transfer: Transfer,
  context: DeleteStepContext,
): Promise<void> {
  const { ledger, clock, stores } = context;
  const started = clock.now();
  const record = ledger.recordOf(folder.id, transfer.relativePath);
  if (!record) return context.finish('skipped', 'nothing recorded for this path');
  transfer.remoteKey = record.remoteKey;
  try {
    const store = stores.get(folder.profileId);
    if (!store) throw new Error(`no store for profile ${folder.profileId}`);
    const outcome = await deleteIfUnchanged(store, folder.bucket, record, context.retried);
    if (outcome.kind === 'conflict') {
      const { relativePath } = transfer;
      context.conflict?.({
        folderId: folder.id,
        relativePath,
        remoteKey: record.remoteKey,
        reason: outcome.reason,
      });
      context.history('failed', started, outcome.reason);
      return context.finish('skipped', outcome.reason);
    }
    ledger.forget(folder.id, transfer.relativePath);
    if (outcome.kind === 'gone') return context.finish('skipped', ALREADY_GONE_NOTE);
    context.history('ok', started, null);
    context.finish('done', null);
  } catch (thrown) {
    const error = toSyncError(thrown);
    context.history('failed', started, error.message);
    context.fail(error);
  }
}

export type GuardedDeleteOutcome =
  /** The object was the one Ferry uploaded, and it is deleted. */
  | { readonly kind: 'deleted' }
  /** Nothing at the key any more: there is nothing to delete, the record can go. */
  | { readonly kind: 'gone' }
  /** Someone else's object is at the key now: kept, and reported. */
  | { readonly kind: 'conflict'; readonly reason: string };

/**
 * Mirror mode's delete of a file gone locally, only if the object at its key is still the one
 * Ferry uploaded (issue 11): another writer may have replaced it since, and deleting that would
 * lose their data. HEAD first and compare the ETag and size with the journal's record.
 *
 * Why HEAD and not a conditional delete: `DeleteObject` with `If-Match: <etag>` would close the
 * window between the HEAD and the DELETE (AWS S3 answers 412 Precondition Failed when the ETag
 * differs: S3 API reference "DeleteObject", request header If-Match; @aws-sdk/client-s3 3.x
 * `DeleteObjectRequest.IfMatch`), but it is recent and not verified on the other stores Ferry
 * serves (Ceph RGW 16, OSS, CTyun): a store that ignores an unknown header would delete
 * unconditionally without saying so. The HEAD check works everywhere; its window is
 * one round trip, where before every replaced object was deleted.
 *
 * `retried` runs each request under the caller's retry decorator.
 */
export async function deleteIfUnchanged(
  store: ObjectStore,
  bucket: string,
  record: FileRecord,
  retried: <T>(operation: () => Promise<T>) => Promise<T>,
): Promise<GuardedDeleteOutcome> {
  const ref = { bucket, key: record.remoteKey };
  const found = await retried(() => store.head(ref));
  if (found === null) return { kind: 'gone' };
  const reason = replacedReason(record, found);
  if (reason !== null) return { kind: 'conflict', reason };
  await retried(() => store.delete(ref));
  return { kind: 'deleted' };
}

/** Why the object at the key is not provably Ferry's upload, or null when it is. */
function replacedReason(
  record: FileRecord,
  found: { readonly etag: string; readonly size: number },
): string | null {
  const kept = 'it is kept in the bucket';
  if (record.etag === null) {
    // The last upload failed: what is at the key may be anyone's (or an older upload of ours).
    return `the file was deleted locally, but Ferry's last upload of it failed, so it cannot tell whether the object in the bucket is its own (ETag ${found.etag}); ${kept}`;
  }
  if (sameEtag(found.etag, record.etag) && found.size === record.size) return null;
  return `the file was deleted locally, but the object was changed in the bucket by someone else since Ferry uploaded it (ETag ${found.etag}, ${found.size} bytes; Ferry uploaded ${record.etag}, ${record.size} bytes); ${kept}`;
}

/** ETags compare without their quotes (the journal keeps them unquoted, some stores quote). */
function sameEtag(a: string, b: string): boolean {
  const bare = (etag: string) => etag.replace(/^W\//, '').replace(/"/g, '').toLowerCase();
  return bare(a) === bare(b);
}
