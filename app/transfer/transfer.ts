import type { ErrorView } from '../errors/sync-error.js';
import type { DropSource } from './transfer-queue.js';

export type TransferKind = 'upload' | 'delete';

export type TransferState =
  | 'queued'
  | 'uploading'
  | 'deleting'
  | 'retrying'
  | 'waiting-for-credentials'
  | 'done'
  | 'failed'
  | 'skipped';

/** What the UI and CLI show about one transfer. Never a secret. */
export interface Transfer {
  /** The row's id: one per folder + path (drops: per object key), the same across a settings
   *  save, an engine restart and a page reload when a row store is given (issue 13). */
  readonly id: number;
  readonly folderId: string;
  readonly relativePath: string;
  readonly kind: TransferKind;
  /** `sync`: a watched folder's file; `drop`: a one-off upload (drag-and-drop) into its bucket. */
  readonly origin: 'sync' | 'drop';
  /** For drops: the local file (anywhere on disk) and the full object key it goes to. */
  readonly drop: DropSource | null;
  /** Bytes to send (0 for deletes). */
  size: number;
  bytesDone: number;
  state: TransferState;
  /** For `retrying` / `waiting-for-credentials`: when the next attempt starts (ms). */
  retryAt: number | null;
  /** The failure (ErrorView: English text plus the code and params the UI translates). */
  error: ErrorView | null;
  /** Why a transfer ended without sending (vanished, changed), or that it resumed. */
  note: string | null;
  /** Multipart parts found already stored from an interrupted attempt (resume). */
  partsReused: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** When this run was queued (absent in rows kept by an older Ferry). */
  queuedAt?: number;
  /** The object key it goes to (or is deleted from), once the runner knows it. */
  remoteKey?: string;
  /** Attempts this run made (a retry after a network error is one more); absent before the first. */
  attempts?: number;
  /** A finish nobody needs to see (unchanged since its last upload, with no earlier row to show
   *  again): not listed and not counted. */
  quiet?: boolean;
}

export interface TransferRequest {
  readonly folderId: string;
  /** For drops: the key below the folder's prefix, shown in the UI. */
  readonly relativePath: string;
  readonly kind: TransferKind;
  readonly size: number;
  readonly drop?: DropSource;
}
