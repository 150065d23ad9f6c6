import type { CredentialStatus } from '../credentials/credential-broker.js';
import type { ErrorParams, ErrorView } from '../errors/sync-error.js';
import type { FolderPolicyView } from '../credentials/policy-summary.js';
import type { FolderState } from '../engine/folder-sync.js';
import type { PathProblem } from '../sync/path-problem.js';
import type { TransferKind, TransferState } from '../transfer/transfer.js';
import type { TransferNoteView } from './transfer-note.js';

/**
 * What the UI sees (the desktop renderer and the browser served by `ferry serve`). Built in
 * `main/`, sent over the bridge; by construction nothing here can hold a key or a token.
 */

/**
 * One transfer row as the UI (window, browser, tray) sees it: an explicit copy of what they read,
 * built by `toTransferView` (transfer-view.ts), never the queue's own record. A field added to
 * `Transfer` stays in the engine until it is named here. `origin` tells a watched folder's sync
 * from a drag-and-drop upload.
 */
export interface TransferView {
  readonly id: number;
  readonly folderId: string;
  readonly relativePath: string;
  readonly kind: TransferKind;
  readonly origin: 'sync' | 'drop';
  /** For drops: the file the user dropped (the row's details show it as "Local file", issue 13)
   *  and its full object key (counts key a drop by it). Not how the engine opens it (`beneath`). */
  readonly drop: TransferDropView | null;
  readonly size: number;
  readonly bytesDone: number;
  readonly state: TransferState;
  readonly retryAt: number | null;
  readonly error: ErrorView | null;
  readonly note: string | null;
  /** The note by code and params, for the UI's language (transfer-note.ts); absent when the
   *  note is unknown (the UI shows `note` as the engine worded it). */
  readonly noteCodes?: readonly TransferNoteView[];
  readonly partsReused: number;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly queuedAt?: number;
  readonly remoteKey?: string;
  /** Attempts this run made: the row's details show them (issue 13). */
  readonly attempts?: number;
  /** A routine finish: the list drops the row it stood for (transfer-rows.ts). */
  readonly quiet?: boolean;
}

export interface TransferDropView {
  readonly absolutePath: string;
  readonly remoteKey: string;
}

export interface FolderCounts {
  /** Files in the local folder at its last full scan (synced or to sync); null before its first
   *  scan ended (a folder being checked or blocked has not been read: not "0 files"). */
  readonly files: number | null;
  /** Dropped or chosen files uploaded into this folder's bucket and prefix (issue 13: the card
   *  said "0 files" after a drop: drops are not local files, so they are counted apart). */
  readonly dropped?: number;
  readonly queued: number;
  readonly active: number;
  /** Failed transfers plus paths the last scan could not read (folders, names not UTF-8). */
  readonly failed: number;
  /** Seen and deliberately not uploaded (special files, links, default rules). */
  readonly skipped: number;
}

/**
 * A path seen and not uploaded, with why (issue 11): the UI lists these with the failed
 * transfers. Scan problems are not transfers, so "Retry failed" does not apply to them: a rescan
 * (sync now) looks again. Built by toPathProblemView (path-problem-view.ts): named fields only.
 */
export interface PathProblemView {
  readonly folderId: string;
  readonly relativePath: string;
  readonly outcome: PathProblem['outcome'];
  readonly code: string;
  readonly reason: string;
  readonly hint?: string;
  readonly params?: ErrorParams;
}

/** A folder's state as the UI shows it: the engine's, plus `checking` while its preflight
 *  (path, bucket, write; app/engine/folder-preflight.ts) runs before it starts or restarts. The
 *  engine itself never is in it: a folder being checked has not started (issue 12: it looked
 *  idle meanwhile). */
export type FolderViewState = FolderState | 'checking';

export interface FolderView {
  readonly id: string;
  readonly path: string;
  readonly profileId: string;
  readonly bucket: string;
  readonly prefix: string;
  readonly mode: 'upload' | 'mirror';
  readonly state: FolderViewState;
  /** Paused by the user (a safety pause shows in `pauseReason` instead). */
  readonly pausedByUser: boolean;
  /** Why Ferry paused the folder itself (a mass delete waiting for confirmation…). */
  readonly pauseReason: string | null;
  readonly lastScanAt: number | null;
  readonly lastError: string | null;
  readonly counts: FolderCounts;
  /** Paths not uploaded, failures first; at most PROBLEMS_SHOWN (counts hold the totals). */
  readonly problems: readonly PathProblemView[];
  /** The folder did not start because its preflight failed (path, bucket, write permission;
   *  issue 12): what failed and how to fix it. null: it passed (or is still being checked). */
  readonly blocked?: {
    readonly message: string;
    readonly hint: string | null;
    /** The error's code and params: the UI words it in its language (issue 13). */
    readonly code?: string;
    readonly params?: ErrorParams;
  } | null;
  /** What the folder's token may do there, read from the session policy Ferry sent; the UI
   *  words it per language (app/credentials/policy-summary.ts). */
  readonly policy?: FolderPolicyView | null;
}

/** Problems sent per folder in a snapshot, which is rebuilt often: the rest are in the log. */
export const PROBLEMS_SHOWN = 200;

export type CredentialSourceKind = 'assume-role' | 'aliyun-sts' | 'vendor';

export interface ProfileView {
  readonly id: string;
  readonly provider: 's3' | 'oss';
  readonly endpoint: string | null;
  readonly region: string | null;
  readonly source: CredentialSourceKind;
  /** The role ARN or the vendor URL: where tokens come from. */
  readonly sourceDetail: string;
  /** Whether the keychain (or FERRY_SECRET_<ID>) holds this profile's secret; null: unknown. */
  readonly secretStored: boolean | null;
  /** Where the secret in use comes from (issue 12): the keychain, the FERRY_SECRET_<ID>
   *  variable, this session's memory (no keychain: gone when Ferry stops), or none; null when
   *  the store cannot tell. The UI names the variable from the profile id (secret-env-name.ts). */
  readonly secretOrigin?: 'keychain' | 'environment' | 'memory' | 'none' | null;
  readonly status: CredentialStatus;
}

export type TrayState =
  'idle' | 'syncing' | 'paused' | 'error' | 'credentials-expiring' | 'credentials-expired';

export interface TransferTotals {
  readonly queued: number;
  readonly active: number;
  readonly waiting: number;
  readonly failed: number;
  readonly done: number;
  /** Upload speed over the last few seconds, all transfers together. */
  readonly bytesPerSecond: number;
}

export interface UiSnapshot {
  readonly generatedAt: number;
  /** `desktop`: Electron (native paths, notifications); `web`: a browser on `ferry serve`. */
  readonly host: 'desktop' | 'web';
  readonly configPath: string | null;
  /** The config is missing or has no folders: the UI shows the first-run setup. */
  readonly setupNeeded: boolean;
  /** The config file exists but cannot be used; the engine is not running. */
  readonly configError: { readonly message: string; readonly hint: string | null } | null;
  readonly pausedAll: boolean;
  readonly folders: readonly FolderView[];
  readonly profiles: readonly ProfileView[];
  readonly totals: TransferTotals;
  readonly trayState: TrayState;
  readonly settings: DesktopSettings;
  /** Whether the OS keychain (a Secret Service on Linux) answers: without one a secret entered
   *  in the UI is kept in memory for this session only. null: not known (yet). */
  readonly keychainReachable?: boolean | null;
}

/** Preferences that live outside the config file (the OS owns them). */
export interface DesktopSettings {
  /** null where the host cannot start at login (the web UI). */
  readonly startAtLogin: boolean | null;
}

/** A toast in the UI and, on the desktop, a native notification. */
export interface Notice {
  readonly id: number;
  readonly level: 'info' | 'error';
  readonly kind: 'sync-failed' | 'credentials-failed' | 'drop-finished' | 'config-saved';
  readonly title: string;
  readonly body: string;
  readonly at: number;
  /** For the UI to word it in its language (issue 13): the title's values (`path` or `count`,
   *  `profile`) and the error behind the body. `title` and `body` stay English for native
   *  notifications and the log. */
  readonly words?: { readonly values: ErrorParams; readonly error?: ErrorView };
}

/** The config as the setup and settings forms edit it: the file's document, never a secret. */
export interface ConfigView {
  readonly path: string | null;
  /** The parsed file (YAML or JSON) as plain data; `null` when there is no file yet. */
  readonly document: unknown;
}
