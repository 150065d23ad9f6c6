import type { FerryConfig } from '../../app/config/schema.js';
import type { EngineEvent } from '../../app/engine/engine-events.js';
import { ThroughputMeter } from '../../app/ipc/throughput-meter.js';
import type { SecretStore } from '../../app/ports/secret-store.js';
import type { Transfer } from '../../app/transfer/transfer-queue.js';
import { compose, type Composition } from '../compose.js';

/**
 * One running engine for one version of the config (a saved config starts a new session).
 * Keeps what the UI needs beyond the engine's own state: files seen per folder, upload speed.
 */
export class EngineSession {
  readonly composition: Composition;
  readonly meter = new ThroughputMeter();
  private readonly filesSeen = new Map<string, number>();
  private readonly bytesSeen = new Map<number, number>();
  private readonly unsubscribe: () => void;

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

  /** Starts watching and scanning; fetches every profile's first token so its expiry shows. */
  start(): void {
    const { engine, profiles, logger } = this.composition;
    engine.start().catch((error: unknown) => {
      logger.error('the engine could not start', { error: String(error) });
    });
    for (const [, binding] of profiles) {
      binding.broker.get().catch(() => {
        // The broker records the failure in its status; the UI shows it with its hint.
      });
    }
  }

  filesIn(folderId: string): number {
    return this.filesSeen.get(folderId) ?? 0;
  }

  async stop(): Promise<void> {
    this.unsubscribe();
    await this.composition.close();
  }

  private observe(event: EngineEvent): void {
    if (event.type === 'scan-finished') this.filesSeen.set(event.folderId, event.files);
    if (event.type === 'transfer') this.measure(event.transfer);
    this.onEvent(event);
  }

  private measure(transfer: Readonly<Transfer>): void {
    const before = this.bytesSeen.get(transfer.id) ?? 0;
    // bytesDone restarts at 0 on a retry: only growth is progress.
    if (transfer.bytesDone > before) this.meter.add(transfer.bytesDone - before, Date.now());
    if (transfer.finishedAt !== null) this.bytesSeen.delete(transfer.id);
    else this.bytesSeen.set(transfer.id, transfer.bytesDone);
  }
}
