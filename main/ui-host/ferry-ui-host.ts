import { loadConfig } from '../config/load-config.js';
import { isSyncError, SyncError, toSyncError } from '../../app/errors/sync-error.js';
import type { FerryConfig } from '../../app/config/schema.js';
import type { PushMessage, UiHost } from '../../app/ipc/contract.js';
import { NoticeCenter } from '../../app/presentation/notice-center.js';
import { redactMessages } from '../../app/logging/redact-messages.js';
import type { ProfileView, UiSnapshot } from '../../app/ipc/views.js';
import { secretTargetOf, secretUse } from '../../app/credentials/secret-target.js';
import type { SecretStore } from '../../app/ports/secret-store.js';
import type { Transfer } from '../../app/transfer/transfer-queue.js';
import { EngineSession } from './engine-session.js';
import { createRequestHandlers, type DesktopHooks } from './request-handlers.js';
import { buildSnapshot } from './snapshot-builder.js';
import { TransferFeed } from './transfer-feed.js';

export type { DesktopHooks } from './request-handlers.js';

export interface FerryUiHostOptions {
  readonly configPath: string;
  readonly secrets: SecretStore;
  readonly host: 'desktop' | 'web';
  readonly desktop?: DesktopHooks;
  /** Where log lines go; default: `<stateDir>/ferry.log`. */
  readonly logWrite?: (line: string) => void;
}

export interface FerryUiHost extends UiHost {
  snapshot(): UiSnapshot;
  /** A configured folder's key prefix; undefined when no running engine has that folder. */
  folderPrefix(folderId: string): string | undefined;
  /** Why a folder is paused (by the user or by Ferry), or null when it is running. */
  folderPauseReason(folderId: string): string | null;
  /** A file the web bridge received and staged: upload it as a one-off into a folder. */
  uploadStagedFile(file: StagedFile): Transfer;
  stop(): Promise<void>;
}

export interface StagedFile {
  readonly folderId: string;
  readonly relativeKey: string;
  readonly absolutePath: string;
  readonly size: number;
  /** Called once the upload has ended, whatever the outcome (the bridge deletes the file). */
  readonly onFinished: () => void;
}

/** How often the snapshot is rebuilt even when nothing happened: countdowns and tray warnings
 *  depend on the time. Pushed only when something visible changed. */
const SNAPSHOT_TICK_MS = 1_000;
const SNAPSHOT_THROTTLE_MS = 200;

/**
 * The engine as the UI sees it, shared by the desktop app and `ferry serve`: loads the config
 * (or reports why it cannot), runs the engine, answers requests and pushes the snapshot,
 * transfer batches and notices. A broken or missing config does not stop the host: the UI
 * shows the problem and the setup, and a saved config starts the engine.
 */
export async function startFerryUiHost(options: FerryUiHostOptions): Promise<FerryUiHost> {
  const host = new Host(options);
  await host.load();
  return host;
}

class Host implements FerryUiHost {
  readonly handlers;
  private session: EngineSession | null = null;
  private config: FerryConfig | null = null;
  private configError: UiSnapshot['configError'] = null;
  private readonly secretStored = new Map<string, boolean | null>();
  private readonly secretOrigins = new Map<string, ProfileView['secretOrigin']>();
  private keychainReachable: boolean | null = null;
  private readonly listeners = new Set<(message: PushMessage) => void>();
  private readonly feed = new TransferFeed((upserts) =>
    this.push({ channel: 'transfers:changed', payload: { upserts } }),
  );
  private readonly notices = new NoticeCenter(
    () => Date.now(),
    (delay, run) => {
      const timer = setTimeout(run, delay);
      return () => clearTimeout(timer);
    },
    (notice) => this.push({ channel: 'notice', payload: notice }),
  );
  private readonly stagedCleanups = new Map<number, () => void>();
  private reloading: Promise<void> = Promise.resolve();
  private lastPushed = '';
  private throttle: ReturnType<typeof setTimeout> | undefined;
  private readonly ticker: ReturnType<typeof setInterval>;

  constructor(private readonly options: FerryUiHostOptions) {
    this.handlers = createRequestHandlers({
      configPath: options.configPath,
      secrets: options.secrets,
      desktop: options.desktop,
      notices: this.notices,
      session: () => this.session,
      config: () => this.config,
      snapshot: () => this.snapshot(),
      reload: () => this.reload(),
      refreshSecretState: (profileId) => this.refreshSecretState(profileId),
      changed: () => this.changed(),
    });
    this.ticker = setInterval(() => this.pushSnapshotIfChanged(), SNAPSHOT_TICK_MS);
    this.ticker.unref();
  }

  async load(): Promise<void> {
    this.config = null;
    this.configError = null;
    try {
      this.config = await loadConfig(this.options.configPath);
    } catch (error) {
      const problem = toSyncError(error);
      const missing = isSyncError(error) && /ENOENT/.test(problem.message);
      if (!missing) this.configError = { message: problem.message, hint: problem.hint ?? null };
    }
    this.keychainReachable = (await this.options.secrets.keychainReachable?.()) ?? null;
    await Promise.all((this.config?.profiles ?? []).map((p) => this.refreshSecretState(p.id)));
    if (this.config && this.config.folders.length > 0) {
      try {
        this.session = new EngineSession(
          this.config,
          this.options.secrets,
          this.options.logWrite,
          (event) => {
            if (event.type === 'transfer') this.onTransfer(event.transfer);
            this.notices.onEvent(event);
            this.changed();
          },
        );
        this.session.start();
      } catch (error) {
        const problem = toSyncError(error);
        this.configError = { message: problem.message, hint: problem.hint ?? null };
      }
    }
    this.changed();
  }

  snapshot(): UiSnapshot {
    return buildSnapshot({
      now: Date.now(),
      host: this.options.host,
      configPath: this.options.configPath,
      config: this.config,
      configError: this.configError,
      session: this.session,
      secretStored: this.secretStored,
      secretOrigins: this.secretOrigins,
      keychainReachable: this.keychainReachable,
      settings: { startAtLogin: this.options.desktop?.getStartAtLogin() ?? null },
    });
  }

  onPush(listener: (message: PushMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  folderPrefix(folderId: string): string | undefined {
    return this.session?.config.folders.find((f) => f.id === folderId)?.prefix;
  }

  folderPauseReason(folderId: string): string | null {
    const folder = this.session?.composition.engine
      .folderSnapshots()
      .find((f) => f.id === folderId);
    if (folder?.state !== 'paused') return null;
    return folder.pauseReason ?? 'Paused by the user.';
  }

  uploadStagedFile(file: StagedFile): Transfer {
    const session = this.session;
    if (!session) {
      file.onFinished();
      throw new SyncError(
        'config-invalid',
        'no-retry',
        'Ferry is not syncing: there is no usable configuration yet.',
        {
          hint: 'Finish the setup first.',
        },
      );
    }
    const target = session.config.folders.find((f) => f.id === file.folderId);
    const [transfer] = target
      ? session.composition.engine.uploadDropped(file.folderId, [file])
      : [];
    if (!transfer || !target) {
      file.onFinished();
      throw new SyncError('not-found', 'no-retry', `There is no folder "${file.folderId}".`);
    }
    this.stagedCleanups.set(transfer.id, file.onFinished);
    this.notices.trackDropBatch(`${target.bucket}/${target.prefix}`, [transfer.id]);
    return transfer;
  }

  async stop(): Promise<void> {
    clearInterval(this.ticker);
    if (this.throttle) clearTimeout(this.throttle);
    this.feed.stop();
    this.notices.dispose();
    await this.session?.stop();
    this.session = null;
    for (const cleanup of this.stagedCleanups.values()) cleanup();
    this.stagedCleanups.clear();
  }

  /** Two saves in quick succession: the second restart waits for the first, so no session is
   *  started twice or left running unclosed (it would hold the state-dir lock). */
  private reload(): Promise<void> {
    const next = this.reloading.then(() => this.restart());
    this.reloading = next.catch(() => undefined);
    return next;
  }

  private async restart(): Promise<void> {
    await this.session?.stop();
    this.session = null;
    await this.load();
    // The new engine's rows (from the journal, same ids) replace what the window kept of the
    // old one, e.g. a row left "uploading" when the old engine stopped (issue 13).
    const session = this.session as EngineSession | null; // load() set it
    for (const transfer of session?.composition.engine.transfers() ?? []) this.feed.add(transfer);
  }

  /** "Stored" means usable for the profile as configured now: a secret stored for another
   *  target shows as missing (and the refresh error says why). */
  private async refreshSecretState(profileId: string): Promise<void> {
    const profile = this.config?.profiles.find((p) => p.id === profileId);
    try {
      const stored = await this.options.secrets.get(profileId);
      const use = stored && profile ? secretUse(stored, secretTargetOf(profile)) : null;
      // A FERRY_SECRET_<ID> variable is bound to the config the process started with, before a
      // config saved over the bridge could point the profile elsewhere.
      if (use === 'bind-first' && stored?.origin === 'environment' && profile) {
        await this.options.secrets.bind(profileId, secretTargetOf(profile));
      }
      const usable =
        stored !== null && (profile === undefined || use === 'usable' || use === 'bind-first');
      this.secretStored.set(profileId, usable);
      this.secretOrigins.set(profileId, usable && stored ? stored.origin : 'none');
    } catch {
      this.secretStored.set(profileId, null); // keychain locked or missing: unknown, not "no"
      // No keychain at all and nothing entered this session: there is no secret.
      this.secretOrigins.set(profileId, this.keychainReachable === false ? 'none' : null);
    }
  }

  private onTransfer(transfer: Readonly<Transfer>): void {
    this.feed.add(transfer);
    if (transfer.finishedAt !== null) {
      const cleanup = this.stagedCleanups.get(transfer.id);
      this.stagedCleanups.delete(transfer.id);
      cleanup?.();
    }
  }

  private changed(): void {
    this.throttle ??= setTimeout(() => {
      this.throttle = undefined;
      this.pushSnapshotIfChanged();
    }, SNAPSHOT_THROTTLE_MS);
  }

  private pushSnapshotIfChanged(): void {
    if (this.listeners.size === 0) return;
    const snapshot = this.snapshot();
    const key = JSON.stringify({ ...snapshot, generatedAt: 0 });
    if (key === this.lastPushed) return;
    this.lastPushed = key;
    this.push({ channel: 'snapshot:changed', payload: snapshot });
  }

  private push(message: PushMessage): void {
    // Every text the window, the browser and the notifications get: SyncError messages quote
    // SDK errors and STS answers, so they pass the redactor on their way out.
    const safe = { ...message, payload: redactMessages(message.payload) } as PushMessage;
    for (const listener of this.listeners) listener(safe);
  }
}
