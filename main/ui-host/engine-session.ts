import type { FerryConfig } from '../../app/config/schema.js';
import { isCredentialError } from '../../app/errors/credential-errors.js';
import type { EngineEvent } from '../../app/engine/engine-events.js';
import type { ErrorParams } from '../../app/errors/sync-error.js';
import { ThroughputMeter } from '../../app/presentation/throughput-meter.js';
import type { SecretStore } from '../../app/ports/secret-store.js';
import type { Transfer } from '../../app/transfer/transfer-queue.js';
import { compose, type Composition } from '../compose/compose.js';
import { preflightFolders } from '../compose/folder-preflights.js';

/** Why a folder was not started: its preflight failed (issue 12). */
export interface FolderBlock {
  readonly message: string;
  readonly hint: string | null;
  /** The error's code and params, for the UI to word it in its language (issue 13). */
  readonly code?: string;
  readonly params?: ErrorParams;
}

/**
 * One running engine for one version of the config (a saved config starts a new session).
 * Keeps what the UI needs beyond the engine's own state: files seen per folder, upload speed.
 */
export class EngineSession {
  readonly composition: Composition;
  readonly meter = new ThroughputMeter();
  private readonly filesSeen = new Map<string, number>();
  /** Per transfer: bytes confirmed so far and when (the next step's bytes went out since). */
  private readonly bytesSeen = new Map<number, { bytes: number; at: number }>();
  private readonly unsubscribe: () => void;
  private readonly blocked = new Map<string, FolderBlock>();
  /** Folders whose preflight is in flight: the card says "checking", not idle (issue 12). */
  private readonly checking = new Set<string>();
  private stopped = false;

  constructor(
    readonly config: FerryConfig,
    secrets: SecretStore,
    logWrite: ((line: string) => void) | undefined,
    private readonly onEvent: (event: EngineEvent) => void,
  ) {
    this.composition = compose(config, {
      secrets,
      once: false,
      ...(logWrite ? { logWrite } : {}),
    });
    this.unsubscribe = this.composition.engine.onEvent((event) => this.observe(event));
  }

  /** Fetches every profile's first token so its expiry shows; runs each folder's preflight
   *  (path, bucket, write, and what the mode needs) and starts watching and scanning only the
   *  folders that pass: a failing one shows its error on its card and transfers nothing. */
  start(): void {
    const { profiles, logger } = this.composition;
    for (const [, binding] of profiles) {
      binding.broker.get().catch(() => {
        // The broker records the failure in its status; the UI shows it with its hint.
      });
    }
    this.preflightThenStart().catch((error: unknown) => {
      logger.error('the engine could not start', { error: String(error) });
    });
  }

  /** The preflight failure that kept a folder from starting; null when it started (or the
   *  preflight is still running). */
  blockOf(folderId: string): FolderBlock | null {
    return this.blocked.get(folderId) ?? null;
  }

  /** Its preflight runs now (before it starts, or again after "sync now" on a blocked one). */
  isChecking(folderId: string): boolean {
    return this.checking.has(folderId);
  }

  /** Runs a blocked folder's preflight again ("sync now" or "resume" on its card): if it passes
   *  now, the folder starts in this session; if not, its card shows the new reason. */
  async recheck(folderId: string): Promise<void> {
    const spec = this.composition.folders.find((folder) => folder.id === folderId);
    if (!spec || !this.blocked.has(folderId)) return;
    this.checking.add(folderId);
    let result;
    try {
      [result] = await preflightFolders({ ...this.composition, folders: [spec] });
    } finally {
      this.checking.delete(folderId);
    }
    if (this.stopped) return;
    if (result?.error && !isCredentialError(result.error)) {
      this.blocked.set(folderId, {
        message: result.error.message,
        hint: result.error.hint ?? null,
        code: result.error.code,
        ...(result.error.params ? { params: result.error.params } : {}),
      });
      return;
    }
    this.blocked.delete(folderId);
    this.composition.engine.resume(folderId);
    await this.composition.engine.startFolder(folderId);
  }

  /** Keeps the folders that failed their preflight paused (after a "resume all"). */
  holdBlocked(): void {
    for (const folderId of this.blocked.keys()) this.composition.engine.pause(folderId);
  }

  private async preflightThenStart(): Promise<void> {
    const { engine, folders } = this.composition;
    for (const folder of folders) this.checking.add(folder.id);
    // The watchers crawl the folders while the preflights wait on the network; start() closes
    // those of folders that failed theirs.
    engine.beginWatching();
    try {
      await this.preflightEach(folders);
    } finally {
      // A preflight that threw (logged by start) must not leave the others "checking" forever.
      for (const folder of folders) this.checking.delete(folder.id);
    }
    if (this.stopped) return;
    await engine.start(new Set(this.blocked.keys()));
  }

  /** One folder at a time, so each card leaves "checking" as soon as its own check ends. */
  private async preflightEach(folders: Composition['folders']): Promise<void> {
    const { engine, logger } = this.composition;
    for (const folder of folders) {
      if (this.stopped) return;
      const [result] = await preflightFolders({ ...this.composition, folders: [folder] });
      this.checking.delete(folder.id);
      if (!result) continue;
      // No token yet is the profile's state (its card shows it), not the folder's: such a
      // folder starts and waits for credentials like any transfer.
      if (!result.error || isCredentialError(result.error)) continue;
      this.blocked.set(result.folderId, {
        message: result.error.message,
        hint: result.error.hint ?? null,
        code: result.error.code,
        ...(result.error.params ? { params: result.error.params } : {}),
      });
      // Paused as well as not started: "sync now" on it must not upload into a failure.
      engine.pause(result.folderId);
      logger.error('folder not started: its preflight failed', {
        folder: result.folderId,
        error: result.error.message,
      });
    }
  }

  filesIn(folderId: string): number {
    return this.filesSeen.get(folderId) ?? 0;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    await this.composition.close();
  }

  private observe(event: EngineEvent): void {
    if (event.type === 'scan-finished') this.filesSeen.set(event.folderId, event.files);
    if (event.type === 'transfer') this.measure(event.transfer);
    this.onEvent(event);
  }

  private measure(transfer: Readonly<Transfer>): void {
    const now = Date.now();
    const seen = this.bytesSeen.get(transfer.id);
    const before = seen?.bytes ?? 0;
    // bytesDone restarts at 0 on a retry: only growth is progress. It went out since the last
    // report (or the start): the meter spreads it over that time (throughput-meter.ts).
    if (transfer.bytesDone > before) {
      const from = seen?.at ?? transfer.startedAt ?? now;
      this.meter.add(transfer.bytesDone - before, now, from);
    }
    if (transfer.finishedAt !== null) this.bytesSeen.delete(transfer.id);
    else if (transfer.bytesDone !== before || !seen) {
      this.bytesSeen.set(transfer.id, { bytes: transfer.bytesDone, at: now });
    }
  }
}
