import type { FileLedger } from '../sync/file-ledger.js';
import type { FolderSpec } from '../sync/folder-spec.js';
import type { Plan } from '../sync/planner.js';
import type { TransferQueue } from '../transfer/transfer-queue.js';
import type { DeleteHold } from './delete-hold.js';
import type { EngineEvent } from './engine-events.js';

/** What carrying out one folder's plan touches. */
export interface PlanTarget {
  readonly spec: FolderSpec;
  readonly queue: Pick<TransferQueue, 'enqueue'>;
  readonly ledger: FileLedger;
  readonly hold: DeleteHold;
  readonly emit: (event: EngineEvent) => void;
}

/**
 * Carries out a full scan's plan: uploads and deletes go to the queue, records the planner
 * dropped are forgotten, conflicts and a delete hold are reported. Nothing is transferred here;
 * the runner does that, one queued path at a time.
 */
export function applyPlan(plan: Plan, target: PlanTarget): void {
  const { spec, queue, ledger, hold, emit } = target;
  const folderId = spec.id;
  for (const upload of plan.uploads) {
    // The record claims an object the bucket no longer has: drop it, or the uploader would
    // take this version as already sent.
    if (upload.reason === 'missing-remotely') ledger.forget(folderId, upload.relativePath);
    queue.enqueue({
      folderId,
      relativePath: upload.relativePath,
      kind: 'upload',
      size: upload.size,
    });
  }
  // Queued to fail: the runner refuses each with the collision error, so they are listed,
  // logged and counted like any failed file, and retried once the names are fixed.
  for (const collision of plan.collisions) {
    queue.enqueue({
      folderId,
      relativePath: collision.relativePath,
      kind: 'upload',
      size: collision.size,
    });
  }
  for (const relativePath of plan.forget) ledger.forget(folderId, relativePath);
  for (const conflict of plan.conflicts) emit({ type: 'conflict', folderId, ...conflict });
  const held = hold.settle(plan);
  if (held !== null) {
    emit({ type: 'folder-paused', folderId, reason: held });
    return;
  }
  for (const deletion of plan.deletes) {
    queue.enqueue({ folderId, relativePath: deletion.relativePath, kind: 'delete', size: 0 });
  }
}
