import type { Transfer } from './transfer.js';

/** Where a row comes from: a watched folder's file, or a one-off drop (keyed by its object key). */
export type TransferOrigin = Transfer['origin'];

/**
 * Where rows outlive the engine (the journal, in production): the id of each (folder, origin,
 * key) for good, and the last finished state of each row, so a settings save, an engine restart
 * or a page reload shows the same rows under the same ids (issue 13).
 */
export interface TransferRowStore {
  /** The row's id: the same for the same (folder, origin, key), across restarts. */
  idFor(folderId: string, origin: TransferOrigin, rowKey: string): number;
  /** Records a finished row (done, failed or a skip worth showing). */
  save(row: Readonly<Transfer>): void;
  /** The rows kept from earlier runs (finished), oldest activity first. */
  load(): Transfer[];
}

/** The key a row is stored under: the path below the folder, or a drop's object key. */
export function rowKeyOf(transfer: Pick<Transfer, 'relativePath' | 'drop'>): string {
  return transfer.drop ? transfer.drop.remoteKey : transfer.relativePath;
}

const FINISHED: ReadonlySet<Transfer['state']> = new Set(['done', 'failed', 'skipped']);

export function isFinished(transfer: Pick<Transfer, 'state'>): boolean {
  return FINISHED.has(transfer.state);
}

export interface TransferRowsOptions {
  readonly store?: TransferRowStore;
  /** Finished rows kept in memory; failed ones are kept beyond it until they are resolved. */
  readonly limit: number;
  /**
   * A finish nobody needs to see ("unchanged since its last upload": a watcher event for a file
   * just uploaded). The row shows what it showed before this run, never a Skipped above Done.
   */
  readonly isRoutine: (transfer: Readonly<Transfer>) => boolean;
}

/**
 * One row per file (folder + path; drops by their object key), updated in place: a new run of a
 * path takes the row's id, a retry updates the failed row, and a routine finish puts the row
 * back as it was. The queue schedules; this class decides what the list shows.
 */
export class TransferRows {
  private nextId = 1;
  private readonly ids = new Map<string, number>();
  private readonly rows = new Map<string, Transfer>();
  /** The finished row a newer run replaced, shown again if that run ends routinely. */
  private readonly previous = new Map<string, Transfer>();
  /** Keys of finished rows that did not fail, in the order they finished (re-inserted on each
   *  finish): the oldest leave memory first. Failed rows are not in it: they stay until resolved. */
  private readonly finishOrder = new Set<string>();
  private store: TransferRowStore | undefined;

  constructor(private readonly options: TransferRowsOptions) {
    this.store = options.store;
    for (const row of options.store?.load() ?? []) {
      const key = keyOf(row.folderId, row.origin, rowKeyOf(row));
      this.ids.set(key, row.id);
      this.rows.set(key, row);
      if (row.state !== 'failed') this.finishOrder.add(key);
    }
  }

  /** The stable id for a new run of this path. */
  idFor(folderId: string, origin: TransferOrigin, rowKey: string): number {
    const key = keyOf(folderId, origin, rowKey);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.store?.idFor(folderId, origin, rowKey) ?? this.nextId++;
      this.ids.set(key, id);
    }
    return id;
  }

  /** A new run (queued) takes over the row; a finished row it replaces is remembered. */
  start(transfer: Transfer): void {
    const key = keyOfTransfer(transfer);
    const shown = this.rows.get(key);
    if (shown && shown !== transfer && isFinished(shown) && !shown.quiet) {
      this.previous.set(key, shown);
    }
    this.rows.set(key, transfer);
  }

  /** A queued run that never ran (cleared): the row goes back to what it showed before. */
  cancel(transfer: Transfer): Transfer {
    const key = keyOfTransfer(transfer);
    const before = this.previous.get(key);
    this.previous.delete(key);
    if (before) {
      this.rows.set(key, before);
      return before;
    }
    this.rows.delete(key);
    transfer.state = 'skipped';
    transfer.note = 'cancelled before it started';
    transfer.quiet = true;
    return transfer;
  }

  /**
   * The run ended: returns the row to show. A routine end restores the previous finished row (or
   * marks the run quiet: not listed, not counted); any other end is the row, saved to the store.
   */
  finish(transfer: Transfer): Transfer {
    const key = keyOfTransfer(transfer);
    const before = this.previous.get(key);
    this.previous.delete(key);
    if (this.options.isRoutine(transfer)) {
      if (before) {
        this.rows.set(key, before);
        return before;
      }
      // Nothing to show: the row goes (the UI drops it on seeing `quiet`).
      this.rows.delete(key);
      transfer.quiet = true;
      return transfer;
    }
    this.store?.save(transfer);
    this.finishOrder.delete(key);
    if (transfer.state !== 'failed') this.finishOrder.add(key);
    this.prune();
    return transfer;
  }

  /**
   * The engine stopped and its journal is about to close: rows are kept in memory only from now.
   * A run that ends later (an upload still in flight when the session closed) is DROPPED from
   * the store rather than recorded: the next session owns the same row (same id, same journal
   * file) and re-queues the file, since its journal record was never marked synced; a late write
   * from the old session could only overwrite the new session's newer state of that row, and it
   * would throw on the closed journal out of a promise nobody awaits (killing `ferry serve`).
   * Runs the stop cancelled in time were already recorded as interrupted (transfer-runner.ts).
   */
  detach(): void {
    this.store = undefined;
  }

  /** One row per path, in no particular order (the UI sorts). */
  list(): Transfer[] {
    return [...this.rows.values()];
  }

  /** Oldest finished rows beyond the limit leave memory (a row running again stays). */
  private prune(): void {
    let excess = this.finishOrder.size - this.options.limit;
    for (const key of this.finishOrder) {
      if (excess <= 0) break;
      const row = this.rows.get(key);
      this.finishOrder.delete(key);
      if (row && isFinished(row)) this.rows.delete(key);
      excess -= 1;
    }
  }
}

export function keyOfTransfer(
  transfer: Pick<Transfer, 'folderId' | 'origin' | 'relativePath' | 'drop'>,
): string {
  return keyOf(transfer.folderId, transfer.origin, rowKeyOf(transfer));
}

function keyOf(folderId: string, origin: TransferOrigin, rowKey: string): string {
  return `${origin}\u0000${folderId}\u0000${rowKey}`;
}
