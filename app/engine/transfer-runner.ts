import { errorView, SyncError, toSyncError } from '../errors/sync-error.js';
import type { Clock } from '../ports/clock.js';
import type { FileSystem } from '../ports/file-system.js';
import type { Journal } from '../ports/journal.js';
import type { Logger } from '../ports/logger.js';
import type { ObjectStore } from '../ports/object-store.js';
import { withRetries, type RetryOptions } from '../retry/with-retries.js';
import type { FileLedger } from '../sync/file-ledger.js';
import type { FolderSpec } from '../sync/folder-spec.js';
import type { FileUploader } from '../transfer/file-uploader.js';
import type { Transfer, TransferQueue } from '../transfer/transfer-queue.js';
import { runDeleteStep, type DeleteStepContext } from './guarded-delete.js';
import type { RequeueResult } from './requeuer.js';
import { settleThenRetry, stillChangingError, type SettleWait } from './still-changing.js';
import { transferTarget } from './transfer-target.js';
import { INTERRUPTED_NOTE, uploadNote } from './upload-note.js';

/** The note of a transfer that found its file already uploaded: nothing was left behind. */
export const UNCHANGED_NOTE = 'unchanged since its last upload';

export interface TransferRunnerDependencies {
  readonly folders: ReadonlyMap<string, FolderSpec>;
  /** By profile id. */
  readonly uploaders: ReadonlyMap<string, FileUploader>;
  /** By profile id. */
  readonly stores: ReadonlyMap<string, ObjectStore>;
  /** The file records: a failed upload is recorded there (and the delete step's forgetting). */
  readonly ledger: FileLedger;
  /** Its history only: file records are the ledger's. */
  readonly journal: Pick<Journal, 'addHistory'>;
  readonly fs: FileSystem;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly updates: Pick<TransferQueue, 'update'>;
  /** Asks for the path to be transferred again after `delayMs` (file changed or busy). */
  readonly requeue: (transfer: Transfer, delayMs: number) => RequeueResult;
  /** The invalid-name error of a path whose key another local file also maps to, or null. */
  readonly keyCollision?: (folderId: string, relativePath: string) => SyncError | null;
  /** Watching: keeps a path that is still changing pending until it holds still. */
  readonly park: (transfer: Transfer) => void;
  /**
   * `--once` (no later scan): a path over the re-queue limit gets this one last wait to hold
   * still, then one more attempt, then fails "still changing". null: watching, it is parked.
   */
  readonly finalSettleWait: SettleWait | null;
  /** A delete kept because someone else replaced the object (guarded-delete.ts). */
  readonly conflict?: DeleteStepContext['conflict'];
}

export type RetrySettings = Omit<RetryOptions, 'onWait' | 'cancelled'>;

/**
 * Carries one transfer to its end: retries through the decorator, shows waits in the transfer's
 * state, and records the outcome in the journal and its history. Never throws for a file's
 * problem: a failed file is a row with a reason, not a crashed engine.
 */
export class TransferRunner {
  constructor(
    private readonly dependencies: TransferRunnerDependencies,
    private readonly retry: RetrySettings,
    private readonly cancelled: () => boolean,
  ) {}

  readonly run = async (transfer: Transfer): Promise<void> => {
    const folder = this.dependencies.folders.get(transfer.folderId);
    if (!folder) return this.finish(transfer, 'skipped', 'the folder is no longer configured');
    return transfer.kind === 'upload'
      ? this.upload(folder, transfer)
      : this.remove(folder, transfer);
  };

  private async upload(folder: FolderSpec, transfer: Transfer): Promise<void> {
    const { ledger, clock, fs, uploaders } = this.dependencies;
    const started = clock.now();
    const uploader = uploaders.get(folder.profileId);
    try {
      if (!uploader) throw new Error(`no uploader for profile ${folder.profileId}`);
      const target = transferTarget(fs, folder, transfer);
      // The row's details name the object (issue 13); the next update carries it to the UI.
      transfer.remoteKey = target.remoteKey;
      // Another local file maps to the same key: uploading either would overwrite the other.
      const collision = transfer.drop
        ? null
        : (this.dependencies.keyCollision?.(folder.id, transfer.relativePath) ?? null);
      if (collision) throw collision;
      const attempt = () =>
        this.withRetries(transfer, 'uploading', () =>
          uploader.upload(target, (bytesDone) =>
            this.dependencies.updates.update(transfer, { bytesDone }),
          ),
        );
      let outcome = await attempt();
      const unsettled = outcome.kind === 'changed' || outcome.kind === 'busy';
      let requeued: RequeueResult | undefined;
      if (unsettled && !transfer.drop) {
        requeued = this.dependencies.requeue(transfer, outcome.kind === 'changed' ? 0 : 2_000);
        if (requeued === 'limit') {
          const last = await this.lastChance(transfer, target.absolutePath, attempt);
          if (last === 'parked') return;
          outcome = last;
        }
      }
      switch (outcome.kind) {
        case 'uploaded':
          this.history(transfer, 'upload', 'ok', outcome.size, started, null);
          if (outcome.partSizeRaisedTo !== undefined) {
            this.dependencies.logger.info('part size raised to fit 10,000 parts', {
              folder: transfer.folderId,
              path: transfer.relativePath,
              size: outcome.size,
              partSize: outcome.partSizeRaisedTo,
            });
          }
          return this.finish(transfer, 'done', uploadNote(outcome), {
            partsReused: outcome.partsReused,
            size: outcome.size,
            bytesDone: outcome.size,
          });
        case 'unchanged':
          return this.finish(transfer, 'skipped', UNCHANGED_NOTE);
        case 'vanished':
          return this.finish(
            transfer,
            'skipped',
            'the file disappeared before it could be uploaded',
          );
        case 'changed':
        case 'busy': {
          const changed = outcome.kind === 'changed';
          if (transfer.drop) {
            const message = changed ? 'changed during the upload' : 'is still being written';
            return this.fail(
              transfer,
              new SyncError('file-changed', 'no-retry', `The file ${message}.`, {
                hint: 'Drop it again once it is complete.',
              }),
            );
          }
          // Over the limit and it changed again right after holding still: it is not settling.
          if (requeued === 'limit') throw stillChangingError('it changed again during the upload');
          const note = changed
            ? 'the file changed during the upload; it is uploaded again'
            : 'the file is still being written; Ferry tries again shortly';
          return this.finish(transfer, 'skipped', note);
        }
      }
    } catch (thrown) {
      const error = toSyncError(thrown);
      // Stopped under it (settings save, quit): not the file's failure (upload-note.ts).
      if (this.cancelled()) return this.finish(transfer, 'skipped', INTERRUPTED_NOTE);
      if (transfer.drop) {
        this.history(transfer, 'upload', 'failed', 0, started, error.message);
        return this.fail(transfer, error);
      }
      // Recorded as failed, never as synced: the planner retries it at the next scan.
      ledger.recordFailed(folder.id, transfer.relativePath, transfer.size, error.message);
      this.history(transfer, 'upload', 'failed', 0, started, error.message);
      this.fail(transfer, error);
    }
  }

  /** Over the re-queue limit (issue 11): watching, parked as pending; `--once`, one last wait. */
  private async lastChance<T>(
    transfer: Transfer,
    absolutePath: string,
    attempt: () => Promise<T>,
  ): Promise<T | 'parked'> {
    const { finalSettleWait: wait, fs, clock, updates, logger } = this.dependencies;
    if (wait !== null) {
      updates.update(transfer, { note: 'still changing: waiting for it to hold still' });
      return settleThenRetry(fs, absolutePath, clock, wait, attempt);
    }
    this.dependencies.park(transfer);
    const where = { folder: transfer.folderId, path: transfer.relativePath };
    logger.info('still changing; uploaded once it holds still', where);
    this.finish(transfer, 'skipped', 'still changing: pending until it holds still');
    return 'parked';
  }

  private remove(folder: FolderSpec, transfer: Transfer): Promise<void> {
    return runDeleteStep(folder, transfer, {
      ...this.dependencies,
      retried: (operation) => this.withRetries(transfer, 'deleting', operation),
      history: (result, started, error) =>
        this.history(transfer, 'delete', result, 0, started, error),
      finish: (state, note) => this.finish(transfer, state, note),
      fail: (error) => this.fail(transfer, error),
    });
  }

  private withRetries<T>(
    transfer: Transfer,
    activeState: 'uploading' | 'deleting',
    operation: () => Promise<T>,
  ): Promise<T> {
    const { updates } = this.dependencies;
    return withRetries(
      () => {
        updates.update(transfer, { state: activeState, retryAt: null, bytesDone: 0 });
        return operation();
      },
      {
        ...this.retry,
        cancelled: this.cancelled,
        onWait: (wait) => {
          updates.update(transfer, {
            state: wait.reason === 'credentials' ? 'waiting-for-credentials' : 'retrying',
            retryAt: this.dependencies.clock.now() + wait.delayMs,
            error: view(wait.error),
          });
          this.dependencies.logger.warn(
            wait.reason === 'credentials' ? 'waiting for credentials' : 'retrying',
            {
              folder: transfer.folderId,
              path: transfer.relativePath,
              code: wait.error.code,
              inSeconds: Math.round(wait.delayMs / 1000),
            },
          );
        },
      },
    );
  }

  private finish(
    transfer: Transfer,
    state: 'done' | 'skipped',
    note: string | null,
    extra: Partial<Transfer> = {},
  ): void {
    this.dependencies.updates.update(transfer, { ...extra, state, note, error: null });
  }

  private fail(transfer: Transfer, error: SyncError): void {
    this.dependencies.logger.error('transfer failed', {
      folder: transfer.folderId,
      path: transfer.relativePath,
      code: error.code,
      error: error.message,
    });
    this.dependencies.updates.update(transfer, { state: 'failed', error: view(error) });
  }

  private history(
    transfer: Transfer,
    action: 'upload' | 'delete',
    result: 'ok' | 'failed',
    bytes: number,
    started: number,
    error: string | null,
  ): void {
    const now = this.dependencies.clock.now();
    this.dependencies.journal.addHistory({
      time: now,
      folderId: transfer.folderId,
      relativePath: transfer.relativePath,
      action,
      result,
      bytes,
      durationMs: now - started,
      error,
    });
  }
}

function view(error: SyncError): Transfer['error'] {
  return errorView(error);
}
