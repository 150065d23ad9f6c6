import { checkFolderPath } from '../../../app/engine/folder-preflight.js';
import { SyncError } from '../../../app/errors/sync-error.js';
import type { SecretStore } from '../../../app/ports/secret-store.js';
import type { Plan } from '../../../app/sync/planner.js';
import { describeSkips } from '../../../app/sync/path-problem.js';
import { compose } from '../../compose/compose.js';
import { NodeFileSystem } from '../../adapters/fs/node-file-system.js';
import { loadConfig } from '../../config/load-config.js';
import type { CommandIo } from './check.js';
import {
  describeStatusState,
  statusExitCode,
  statusStateOf,
  type FolderProblem,
} from './status-state.js';

export interface FolderStatus {
  readonly folder: string;
  readonly path: string;
  readonly synced: number;
  readonly pending: number;
  /** Recorded failures plus what the scan could not read (folders, names that are not UTF-8). */
  readonly failed: number;
  readonly skipped: number;
  readonly lastError: string | null;
  /** Why the folder cannot be synced at all (its path is missing, not a folder, unreadable),
   *  with the fix; null: its path can be used. */
  readonly problem: FolderProblem | null;
  /** Every path not synced, with why: recorded failures, unreadable and skipped paths. */
  readonly problems: readonly {
    readonly path: string;
    readonly outcome: 'failed' | 'skipped' | 'pending';
    readonly code: string;
    readonly reason: string;
  }[];
}

/**
 * Status runs in its own process and cannot see a running engine's queue, so a pending file
 * modified moments ago is named as what it most likely is: still being written (the engine
 * waits for it to hold still; issue 11). Failed ones are listed as failed already.
 */
const RECENTLY_MODIFIED_MS = 10_000;

function stillChanging(plan: Plan, now: number) {
  return plan.uploads
    .filter((upload) => upload.reason !== 'retry' && now - upload.mtimeMs < RECENTLY_MODIFIED_MS)
    .map((upload) => ({
      path: upload.relativePath,
      outcome: 'pending' as const,
      code: 'file-changed',
      reason: `still changing (modified ${Math.max(0, Math.round((now - upload.mtimeMs) / 1000))} s ago): uploaded once it holds still`,
    }));
}

/**
 * `ferry status --config FILE [--json]`: per folder, files synced / pending / failed. Pending is
 * what a sync would do now (a scan against the journal; no network, no credentials needed).
 * Each folder's path gets the local part of the preflight first (issue 12: a missing path showed
 * zeros, so a cron job "succeeded" forever): a folder that cannot be used is named with its fix,
 * and the exit code is 2. Recorded failures exit 1 (statusExitCode).
 */
export async function statusCommand(
  configPath: string,
  json: boolean,
  secrets: SecretStore,
  io: CommandIo,
): Promise<number> {
  const config = await loadConfig(configPath);
  const composition = compose(config, { secrets, once: true, readOnly: true });
  try {
    const fs = new NodeFileSystem();
    const pathProblems = new Map<string, FolderProblem>();
    for (const folder of composition.folders) {
      const error = await checkFolderPath(folder, fs);
      if (error) pathProblems.set(folder.id, { message: error.message, hint: error.hint ?? null });
    }
    const plans = await composition.engine.dryRun();
    const rows: FolderStatus[] = composition.folders.map((folder) => {
      const records = composition.journal.listFiles(folder.id);
      const failed = records.filter((r) => r.state === 'failed');
      const plan = plans.get(folder.id);
      if (!plan) throw new SyncError('internal', 'fatal', `no plan for folder ${folder.id}`);
      const scanned = composition.engine.problems(folder.id);
      const problems = [
        ...failed.map((r) => ({
          path: r.relativePath,
          outcome: 'failed' as const,
          code: 'failed',
          reason: r.lastError ?? 'failed',
        })),
        ...scanned.map((p) => ({
          path: p.relativePath,
          outcome: p.outcome,
          code: p.code,
          reason: p.reason,
        })),
        ...stillChanging(plan, Date.now()),
      ];
      return {
        folder: folder.id,
        path: folder.root,
        synced: records.length - failed.length,
        pending:
          plan.uploads.length -
          plan.uploads.filter((u) => u.reason === 'retry').length +
          plan.deletes.length,
        failed: failed.length + scanned.filter((p) => p.outcome === 'failed').length,
        skipped: scanned.filter((p) => p.outcome === 'skipped').length,
        lastError: failed.at(-1)?.lastError ?? null,
        problem: pathProblems.get(folder.id) ?? null,
        problems,
      };
    });
    const state = statusStateOf({ folders: rows });
    const exitCode = statusExitCode(pathProblems.size, rows);
    if (json) {
      io.out(`${JSON.stringify({ state, folders: rows })}\n`);
      return exitCode;
    }
    io.out(`${describeStatusState(state, { folders: rows })}\n`);
    for (const row of rows) {
      if (row.problem) {
        io.out(`${row.folder}  ${row.path}\n`);
        io.err(`  ✗ ${row.problem.message}\n`);
        if (row.problem.hint) io.err(`    → ${row.problem.hint}\n`);
        continue;
      }
      const skips = composition.engine.problems(row.folder).filter((p) => p.outcome === 'skipped');
      const why = skips.length > 0 ? ` (${describeSkips(skips)})` : '';
      io.out(
        `${row.folder}  ${row.path}\n  ${row.synced} synced, ${row.pending} pending, ${row.failed} failed, ${row.skipped} skipped${why}\n`,
      );
      // Default-rule exclusions are counted above; `sync --dry-run` lists them with their rule.
      for (const problem of row.problems.filter((p) => p.code !== 'default-rule')) {
        io.out(`  ${problem.outcome}: ${problem.path}: ${problem.reason}\n`);
      }
    }
    return exitCode;
  } finally {
    await composition.close();
  }
}
