import { isCredentialCode } from '../../../app/errors/credential-errors.js';
import { SyncError } from '../../../app/errors/sync-error.js';
import type { Plan } from '../../../app/sync/planner.js';
import type { SecretStore } from '../../../app/ports/secret-store.js';
import { compose, type Composition } from '../../compose/compose.js';
import { wholeBucketWarning } from '../../../app/sync/whole-bucket.js';
import { loadConfig } from '../../config/load-config.js';
import { dryRunProblemLines, leftBehindText, summaryLine } from '../problem-report.js';
import { reportOfRun, reportOfTally, summaryJsonLine } from '../progress/final-report.js';
import { interruptedSummary, transferredLine } from '../progress/transfer-summary.js';
import { reportJson, reportOnTerminal, trackTransfers } from '../progress-reporter.js';
import type { CommandIo } from './check.js';
import { planJsonLine } from './dry-run-json.js';
import { atMost, interruptSignal } from './interrupt-signal.js';
import { preflight } from './preflight.js';

/** Store answers that mean the folder's configuration is wrong (issue 10): a missing or refused
 *  bucket, keys the store refuses, a clock the store refuses. Like credential problems, exit 2. */
const FOLDER_CONFIG_CODES: ReadonlySet<string> = new Set([
  'config-invalid',
  'bucket-invalid',
  'bucket-missing',
  'key-invalid',
  'clock-skewed',
]);

export interface SyncFlags {
  readonly config: string;
  readonly once: boolean;
  readonly json: boolean;
  readonly dryRun: boolean;
  readonly confirmDeletes: boolean;
}

/**
 * `ferry sync --config FILE [--once] [--json] [--dry-run] [--confirm-deletes]`.
 * Exit codes (a contract other tools rely on): 0 all synced; 1 some files failed (each listed on
 * stderr with its reason); 2 configuration or credential problem — nothing was uploaded.
 */
export async function syncCommand(
  flags: SyncFlags,
  secrets: SecretStore,
  io: CommandIo,
): Promise<number> {
  const config = await loadConfig(flags.config);
  if (config.folders.length === 0) {
    throw new SyncError('config-invalid', 'fatal', `${flags.config} has no folders to sync.`, {
      hint: 'Add a folder under "folders:".',
    });
  }
  for (const folder of config.folders) {
    const warning = wholeBucketWarning(folder);
    if (warning) io.err(`warning: ${warning}\n`);
  }
  const composition = compose(config, {
    secrets,
    once: flags.once || flags.dryRun,
    readOnly: flags.dryRun,
  });
  let interrupted = false;
  try {
    // Watch mode: the watchers crawl the folders while the preflight waits on the network.
    if (!flags.once && !flags.dryRun) composition.engine.beginWatching();
    await preflight(composition);
    if (flags.dryRun) {
      return printPlans(await composition.engine.dryRun(), composition, io, flags.json);
    }
    const startedAt = Date.now();
    const tracking = trackTransfers(composition.engine);
    // No live lines without a terminal: the summaries then list every failure themselves.
    const notListed = () => false;
    const reporter = flags.json
      ? { stop: reportJson(composition.engine, io.out), print: io.err, listedLive: notListed }
      : process.stderr.isTTY
        ? reportOnTerminal(
            composition.engine,
            composition.profiles,
            process.stderr,
            tracking.tally,
            startedAt,
          )
        : { stop: () => {}, print: io.err, listedLive: notListed };
    const stopReporting = reporter.stop;
    const interrupt = interruptSignal();
    try {
      const run = flags.once
        ? runOnce(
            composition,
            flags,
            io,
            { ...reporter, bytesSent: () => tracking.tally.counts().bytesSent },
            startedAt,
          )
        : runUntilSignalled(composition, reporter.print);
      const outcome = await Promise.race([run, interrupt.signalled.then(() => 'interrupted')]);
      if (typeof outcome === 'number') return outcome;
      // Ctrl+C: the summary once, then out. A watched sync is stopped this way as a matter of
      // course (exit 0); an interrupted --once left files behind (exit 130, README).
      interrupted = true;
      stopReporting(); // no event line after the summary: in --json it is stdout's last line
      const report = reportOfTally(tracking.tally, Date.now() - startedAt);
      io.err(interruptedSummary(report, flags.once, reporter.listedLive));
      if (flags.json) io.out(summaryJsonLine(report));
      return flags.once ? 130 : 0;
    } finally {
      interrupt.dispose();
      stopReporting();
      tracking.stop();
    }
  } finally {
    // Interrupted, in-flight uploads are abandoned (their parts are checkpointed; the next run
    // resumes): close what can be closed quickly and exit.
    await (interrupted
      ? atMost(composition.close(), CLOSE_AFTER_INTERRUPT_MS)
      : composition.close());
  }
}

/** How long Ctrl+C waits for the engine and journal to close before exiting anyway. */
const CLOSE_AFTER_INTERRUPT_MS = 2_000;

async function runOnce(
  composition: Composition,
  flags: SyncFlags,
  io: CommandIo,
  reporter: {
    readonly stop: () => void;
    readonly listedLive: (folderId: string, relativePath: string) => boolean;
    readonly bytesSent: () => number;
  },
  startedAt: number,
): Promise<number> {
  const { engine } = composition;
  if (flags.confirmDeletes) {
    for (const folder of composition.folders) {
      await engine.confirmDeletes(folder.id).catch(() => {});
    }
  }
  const summary = await engine.runOnce();
  reporter.stop(); // the live block (or the NDJSON events) end before the summary
  const report = reportOfRun(summary, Date.now() - startedAt, reporter.bytesSent());
  const credentialFailure = summary.failed.find(
    (t) => t.error && (isCredentialCode(t.error.code) || FOLDER_CONFIG_CODES.has(t.error.code)),
  );
  io.err(leftBehindText(summary, report.failed, reporter.listedLive));
  const listedAbove = report.failed.some((f) => reporter.listedLive(f.folderId, f.relativePath));
  if (flags.json) {
    // stdout carries NDJSON only, ending with the summary object (what was left behind is on
    // stderr above, in words, as without --json).
    io.out(summaryJsonLine(report));
  } else {
    io.out(summaryLine(summary, listedAbove));
    io.out(transferredLine(report.uploaded, report.bytes, report.elapsedMs));
  }
  if (credentialFailure) return 2;
  // A folder or name that could not be read left files behind: as much a failure as a failed PUT.
  const leftBehind = summary.failed.length + summary.unreadable.length;
  return leftBehind > 0 || summary.conflicts.length > 0 || summary.paused.length > 0 ? 1 : 0;
}

/** Watches until Ctrl+C or SIGTERM, which syncCommand answers with a summary: never resolves. */
async function runUntilSignalled(
  composition: Composition,
  print: (text: string) => void,
): Promise<never> {
  await composition.engine.start();
  print(`Ferry is watching ${composition.folders.length} folder(s). Press Ctrl+C to stop.\n`);
  return new Promise<never>(() => {});
}

function printPlans(
  plans: Map<string, Plan>,
  composition: Composition,
  io: CommandIo,
  json: boolean,
): number {
  let unreadable = 0;
  for (const folder of composition.folders) {
    const plan = plans.get(folder.id);
    if (!plan) continue;
    if (json) {
      const problems = composition.engine.problems(folder.id);
      io.out(planJsonLine(folder.id, plan, problems));
      unreadable += plan.collisions.length + problems.filter((p) => p.outcome === 'failed').length;
      continue;
    }
    io.out(
      `${folder.id} (${folder.root} → s3://${folder.bucket}/${folder.prefix}, ${folder.mode}):\n`,
    );
    for (const upload of plan.uploads) {
      io.out(`  upload  ${upload.relativePath}  (${upload.reason}, ${upload.size} bytes)\n`);
    }
    for (const deletion of plan.deletes) {
      io.out(`  delete  ${deletion.remoteKey}  (gone locally)\n`);
    }
    for (const conflict of plan.conflicts) {
      io.out(`  skip    ${conflict.relativePath}  (conflict: ${conflict.reason})\n`);
    }
    for (const collision of plan.collisions) {
      const others = collision.others.map((other) => JSON.stringify(other)).join(', ');
      io.out(`  fail    ${collision.relativePath}  (same key as ${others}: neither is uploaded)\n`);
    }
    unreadable += plan.collisions.length; // the real run fails them (invalid-name)
    const problems = composition.engine.problems(folder.id);
    for (const line of dryRunProblemLines(problems)) io.out(line);
    unreadable += problems.filter((problem) => problem.outcome === 'failed').length;
    if (plan.deletePause) io.out(`  deletes on hold: ${plan.deletePause}\n`);
    io.out(
      `  ${plan.uploads.length} to upload, ${plan.deletes.length} to delete, ${plan.unchanged} unchanged, ${problems.length} left out. Nothing was changed (dry run).\n`,
    );
  }
  return unreadable > 0 ? 1 : 0; // the real run would leave those behind: exit as it would
}
