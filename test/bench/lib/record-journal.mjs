// @ts-check
// Recording a tree as uploaded without uploading it, for scenario 5's 1,000,000-file point: its
// first upload takes over an hour against a 2-core RGW, and what the scenario measures is the
// restart on a folder Ferry already knows (scan + journal compare + watcher ready), which never
// reads the bucket in upload mode (app/engine/folder-sync.ts: the remote listing is for mirror
// folders only). So the harness writes the journal rows a first upload would leave, then checks
// that Ferry agreed: its scan must find every file unchanged and plan no upload, or the run fails
// (a schema change here would otherwise measure a first upload and call it a restart).
import { readdir, lstat, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { failureReason } from './measurements.mjs';

/** Curve points this large are recorded instead of uploaded (scenario 5, watch-many.mjs); smaller
 *  ones are uploaded by Ferry, as the main 100,000-file tree is. */
export const RECORD_DIRECTLY_FROM = 500_000;

/** Rows per transaction: large enough that commits do not dominate, small enough for memory. */
const BATCH = 10_000;

/**
 * Writes one `synced` journal row per file under `job.dir` into the state dir's journal, as
 * app/sync/file-ledger.ts `recordSynced` would after a confirmed PUT: the file's lstat size and
 * mtime, the key prefix + relative path (the data sets' names are ASCII, so NFC changes nothing),
 * no MD5, an ETag that says where the row came from. The schema and the folder's first sight
 * come from a real `ferry sync --once` on an empty folder with the same folder id and state dir.
 * @param {import('../lib/context.mjs').BenchContext} ctx
 * @param {import('../lib/context.mjs').Tool} ferry  ferryTool(ctx)
 * @param {{ dir: string, prefix: string, stateDir: string }} job
 * @returns {Promise<{ rows: number, seconds: number }>}
 */
export async function recordTreeAsUploaded(ctx, ferry, job) {
  const empty = join(ctx.work, 'empty-for-journal-schema');
  await mkdir(empty, { recursive: true });
  const schemaRun = await ferry.upload({ dir: empty, prefix: job.prefix, stateDir: job.stateDir });
  await rm(empty, { recursive: true, force: true });
  if (schemaRun.code !== 0) {
    throw new Error(`the run that creates the journal failed: ${failureReason(schemaRun)}`);
  }
  return writeSyncedRows(join(job.stateDir, 'journal.sqlite'), job.dir, job.prefix);
}

/**
 * The rows themselves, into a journal whose schema a Ferry run has made: one `synced` row per
 * regular file under `dir` for folder id `data` (the id every bench config uses).
 * @param {string} journalPath
 * @param {string} dir
 * @param {string} prefix
 * @returns {Promise<{ rows: number, seconds: number }>}
 */
export async function writeSyncedRows(journalPath, dir, prefix) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(journalPath);
  const started = performance.now();
  let rows = 0;
  try {
    const put = db.prepare(
      `INSERT OR REPLACE INTO files (folder_id, relative_path, size, mtime_ms, md5, remote_key,
         etag, state, last_error, updated_at)
       VALUES ('data', ?, ?, ?, NULL, ?, 'recorded-by-bench', 'synced', NULL, ?)`,
    );
    const flush = db.transaction((/** @type {unknown[][]} */ batch) => {
      for (const row of batch) put.run(...row);
    });
    const now = Date.now();
    /** @type {unknown[][]} */
    let batch = [];
    for await (const relativePath of filesUnder(dir, '')) {
      const info = await lstat(join(dir, relativePath));
      batch.push([relativePath, info.size, info.mtimeMs, `${prefix}${relativePath}`, now]);
      if (batch.length === BATCH) {
        flush(batch);
        rows += batch.length;
        batch = [];
      }
    }
    flush(batch);
    rows += batch.length;
  } finally {
    db.close();
  }
  return { rows, seconds: (performance.now() - started) / 1000 };
}

/**
 * Whether a restart's `scan-finished` event shows Ferry took every recorded file as unchanged.
 * @param {import('./measurements.mjs').Run} run  from watch-once.mjs
 * @param {number} count  files in the tree
 * @returns {import('./measurements.mjs').Run}
 */
export function requireAllUnchanged(run, count) {
  if (!run.ok) return run;
  const uploads = Number(run.extra?.uploads ?? NaN);
  const files = Number(run.extra?.files ?? NaN);
  if (uploads === 0 && files === count) return run;
  return {
    ok: false,
    error: `the journal written by the bench did not match: Ferry saw ${files} files and planned ${uploads} uploads (expected ${count} and 0)`,
  };
}

/**
 * Relative paths of the regular files under `dir`, '/'-separated, depth first.
 * @param {string} root
 * @param {string} relative
 * @returns {AsyncGenerator<string>}
 */
async function* filesUnder(root, relative) {
  for (const entry of await readdir(join(root, relative), { withFileTypes: true })) {
    const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) yield* filesUnder(root, path);
    else if (entry.isFile()) yield path;
  }
}
