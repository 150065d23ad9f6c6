import { trayStateOf } from '../../../app/presentation/tray/tray-state.js';
import type { TrayState } from '../../../app/ipc/views.js';

/** A folder's local problem (its path is missing, not a folder, or unreadable), with the fix. */
export interface FolderProblem {
  readonly message: string;
  readonly hint: string | null;
}

export interface StatusStateInputs {
  readonly folders: readonly {
    readonly problem: FolderProblem | null;
    readonly failed: number;
    readonly lastError: string | null;
  }[];
}

/**
 * The overall state `ferry status` prints, with the one precedence the tray uses
 * (app/presentation/tray/tray-state.ts: error > credentials failing > paused > at risk > syncing > idle), from
 * what status can know offline: a folder whose path cannot be used and the failures recorded in
 * the journal make it "error"; otherwise "idle".
 *
 * What status cannot know: a running engine's live state. It runs in its own process, asks for no
 * token (read-only, no network) and pauses live in the running engine's memory, so it never says
 * "credentials failing", "at risk", "paused" or "syncing"; the UI, the tray and `ferry check`
 * show those. Its "idle" means "nothing wrong recorded", not "nothing running".
 */
export function statusStateOf(inputs: StatusStateInputs): TrayState {
  const failed = inputs.folders.reduce((sum, folder) => sum + folder.failed, 0);
  return trayStateOf({
    now: 0, // read only for token health, and status passes no tokens
    pausedAll: false,
    folders: inputs.folders.map((folder) => ({
      state: folder.problem ? 'error' : 'idle',
      lastError: folder.problem?.message ?? folder.lastError,
      pausedByUser: false,
    })),
    credentials: [],
    totals: { active: 0, queued: 0, waiting: 0, failed },
  });
}

/** The state line: the state and why, in words a cron job's log reader can act on. */
export function describeStatusState(state: TrayState, inputs: StatusStateInputs): string {
  if (state !== 'error') return `state: ${state} (no folder problem or failure recorded)`;
  const blocked = inputs.folders.filter((folder) => folder.problem !== null).length;
  const failed = inputs.folders.reduce((sum, folder) => sum + folder.failed, 0);
  const why = [
    ...(blocked > 0 ? [`${blocked} folder(s) cannot be synced`] : []),
    ...(failed > 0 ? [`${failed} failed`] : []),
  ];
  return `state: error (${why.join(', ')})`;
}

/**
 * Exit codes never lie (README, "Using the CLI"): a cron job that runs `ferry status` must not
 * read "0" while the journal holds files that were left behind. 2: a folder's path cannot be
 * used (as `ferry sync` exits 2 at its preflight); 1: files failed (recorded failures and paths
 * the scan could not read, the same count as the "failed" column); 0: nothing left behind.
 * Pending files are not a failure: the next sync uploads them.
 */
export function statusExitCode(
  unusableFolders: number,
  rows: readonly { readonly failed: number }[],
): 0 | 1 | 2 {
  if (unusableFolders > 0) return 2;
  return rows.some((row) => row.failed > 0) ? 1 : 0;
}
