import { SyncError } from '../../app/errors/sync-error.js';
import type { RequestHandlers } from '../../app/ipc/contract.js';
import { toTransferView } from '../../app/ipc/transfer-view.js';
import type { NoticeCenter } from '../../app/presentation/notice-center.js';
import { latestPerPath } from '../../app/presentation/transfer-totals.js';
import type { UiSnapshot } from '../../app/ipc/views.js';
import type { FerryConfig } from '../../app/config/schema.js';
import { secretTargetOf } from '../../app/credentials/secret-target.js';
import type { SecretStore } from '../../app/ports/secret-store.js';
import { readConfigDocument, saveConfigDocument } from './config-file.js';
import type { EngineSession } from './engine-session.js';
import { completeDirectory } from './complete-directory.js';
import { expandDroppedPaths } from './expand-dropped-paths.js';

/** A folder its preflight kept from starting takes no drops (issue 13): they would only fail
 *  as the preflight did, and the card offers none (renderer/src/model/upload-refusal.ts). */
function refuseBlocked(context: HandlerContext, folderId: string): void {
  const block = context.session()?.blockOf(folderId);
  if (!block) return;
  throw new SyncError(
    'folder-blocked',
    'no-retry',
    `The folder "${folderId}" did not pass its check, so it takes no uploads (${block.message}).`,
    {
      hint: 'Fix the problem shown on its card, press Sync now, then upload the files again.',
      params: { folder: folderId },
    },
  );
}

/** What the desktop shell adds (a browser on `ferry serve` has none of these). */
export interface DesktopHooks {
  openPath(path: string): Promise<void>;
  getStartAtLogin(): boolean;
  setStartAtLogin(enabled: boolean): void;
  /** The system's open dialog: files to upload (absolute paths; [] when cancelled). */
  pickFiles(): Promise<readonly string[]>;
  /** The system's open dialog: one folder (null when cancelled). */
  pickFolder(): Promise<string | null>;
}

/** The host's state as the handlers need it. */
export interface HandlerContext {
  readonly configPath: string;
  readonly secrets: SecretStore;
  readonly desktop: DesktopHooks | undefined;
  readonly notices: NoticeCenter;
  session(): EngineSession | null;
  /** The config file as last loaded (also without folders, when no engine runs). */
  config(): FerryConfig | null;
  snapshot(): UiSnapshot;
  /** Stops the engine and starts it on the config file as it is now. */
  reload(): Promise<void>;
  /** Re-reads whether the keychain holds a profile's secret. */
  refreshSecretState(profileId: string): Promise<void>;
  changed(): void;
}

/** Every request the UI can make, on validated arguments (the dispatcher checked them). */
export function createRequestHandlers(context: HandlerContext): RequestHandlers {
  const engine = () => requireSession(context).composition.engine;
  const folder = (folderId: string) => {
    const found = requireSession(context).config.folders.find((f) => f.id === folderId);
    if (!found) throw new SyncError('not-found', 'no-retry', `There is no folder "${folderId}".`);
    return found;
  };
  const done = <T>(value: T): T => {
    context.changed();
    return value;
  };

  /** A folder its preflight kept from starting (path, bucket, permission) is not resumed or
   *  scanned as it is: "sync now" or "resume" on it runs its preflight again, and it starts if
   *  that passes. For all folders at once, blocked ones stay held. */
  const recheckedBlocked = (folderId: string | undefined): boolean => {
    const session = context.session();
    if (folderId === undefined || !session?.blockOf(folderId)) return false;
    session.recheck(folderId).then(
      () => context.changed(),
      (error: unknown) => {
        session.composition.logger.error('preflight re-check failed', { error: String(error) });
      },
    );
    return true;
  };

  return asyncOnly({
    'app:get-snapshot': () => Promise.resolve(context.snapshot()),
    'transfers:list': () =>
      Promise.resolve(
        (context.session()?.composition.engine.transfers() ?? []).map(toTransferView),
      ),
    'transfers:retry': ({ transferIds }) => {
      const wanted = transferIds ? new Set(transferIds) : null;
      const failed = latestPerPath(engine().transfers()).filter(
        (t) => t.state === 'failed' && (wanted === null || wanted.has(t.id)),
      );
      engine().retry(failed);
      return Promise.resolve(done({ retried: failed.length }));
    },
    'folders:pause': ({ folderId }) => {
      if (folderId !== undefined) folder(folderId);
      engine().pause(folderId);
      return Promise.resolve(done(null));
    },
    'folders:resume': ({ folderId }) => {
      if (folderId !== undefined) folder(folderId);
      if (recheckedBlocked(folderId)) return Promise.resolve(done(null));
      engine().resume(folderId);
      context.session()?.holdBlocked(); // "resume all" does not start what failed its preflight
      return Promise.resolve(done(null));
    },
    'folders:sync-now': ({ folderId }) => {
      if (folderId !== undefined) folder(folderId);
      if (recheckedBlocked(folderId)) return Promise.resolve(done(null));
      // A full scan can take minutes on a large folder: answer now, show progress in the state.
      void engine().syncNow(folderId);
      return Promise.resolve(done(null));
    },
    'folders:confirm-deletes': ({ folderId }) => {
      folder(folderId);
      void engine().confirmDeletes(folderId);
      return Promise.resolve(done(null));
    },
    'folders:open': async ({ folderId }) => {
      const hooks = requireDesktop(context, 'Opening a folder');
      await hooks.openPath(folder(folderId).path);
      return null;
    },
    'credentials:refresh': async ({ profileId }) => {
      const binding = requireSession(context).composition.profiles.get(profileId);
      if (!binding) {
        throw new SyncError('not-found', 'no-retry', `No folder uses the profile "${profileId}".`, {
          hint: 'Tokens are only requested for profiles that folders use.',
        });
      }
      try {
        const token = await binding.broker.refreshNow();
        return { expiresAt: token.expiration.getTime() };
      } finally {
        context.changed();
      }
    },
    'secrets:set': async ({ profileId, secret }) => {
      // Bound to the profile's target as saved: a later config change of the source, key id
      // or endpoint needs the secret again (app/credentials/secret-target.ts).
      const profile = context.config()?.profiles.find((p) => p.id === profileId);
      if (!profile) {
        throw new SyncError('not-found', 'no-retry', `There is no profile "${profileId}".`, {
          hint: 'Save the profile in the configuration first, then enter its secret.',
        });
      }
      await context.secrets.set(profileId, secret, secretTargetOf(profile));
      await context.refreshSecretState(profileId);
      // A fixed secret should take effect now, not at the next backoff.
      void context
        .session()
        ?.composition.profiles.get(profileId)
        ?.broker.refreshNow()
        .catch(() => {});
      return done(null);
    },
    'secrets:delete': async ({ profileId }) => {
      const deleted = await context.secrets.delete(profileId);
      await context.refreshSecretState(profileId);
      return done({ deleted });
    },
    'uploads:add-paths': async ({ folderId, paths, subPrefix }) => {
      requireDesktop(context, 'Uploading local paths');
      const target = folder(folderId);
      refuseBlocked(context, folderId);
      const { files, skipped } = await expandDroppedPaths(paths, subPrefix, target.prefix);
      const transfers = engine().uploadDropped(folderId, files);
      context.notices.trackDropBatch(
        `${target.bucket}/${target.prefix}`,
        transfers.map((t) => t.id),
      );
      return done({ queued: transfers.length, skipped });
    },
    'config:get': async () => ({
      path: context.configPath,
      document: await readConfigDocument(context.configPath),
    }),
    'config:save': async ({ document }) => {
      await saveConfigDocument(context.configPath, document);
      await context.reload();
      context.notices.announce({
        level: 'info',
        kind: 'config-saved',
        title: 'Configuration saved',
        body: context.configPath,
      });
      return { path: context.configPath };
    },
    'settings:set-start-at-login': ({ enabled }) => {
      requireDesktop(context, 'Starting at login').setStartAtLogin(enabled);
      return Promise.resolve(done(null));
    },
    'dialog:pick-files': async () => ({
      paths: await requireDesktop(context, 'The file dialog', BROWSER_FILES).pickFiles(),
    }),
    'dialog:pick-folder': async () => ({
      path: await requireDesktop(context, 'The folder dialog', BROWSER_FOLDER).pickFolder(),
    }),
    'fs:complete-directory': async ({ prefix }) => ({
      directories: await completeDirectory(prefix),
    }),
  });
}

/** A handler that throws before returning its promise still answers with a rejection. */
function asyncOnly(handlers: RequestHandlers): RequestHandlers {
  const wrapped: Record<string, (args: never) => Promise<unknown>> = {};
  for (const [channel, handler] of Object.entries(handlers)) {
    const run = handler as (args: never) => Promise<unknown>;
    wrapped[channel] = (args) => Promise.resolve().then(() => run(args));
  }
  return wrapped as unknown as RequestHandlers;
}

function requireSession(context: HandlerContext): EngineSession {
  const session = context.session();
  if (!session) {
    throw new SyncError(
      'config-invalid',
      'no-retry',
      'Ferry is not syncing: there is no usable configuration yet.',
      {
        hint: 'Finish the setup (or fix the configuration shown) and save it.',
      },
    );
  }
  return session;
}

const BROWSER_FILES =
  "In the browser, use the page's file chooser or drop files onto the page; they are sent to Ferry and uploaded.";
const BROWSER_FOLDER =
  "In the browser, type the folder's full path; existing folders are suggested as you type.";

function requireDesktop(
  context: HandlerContext,
  what: string,
  hint = 'In the browser, drop files onto the page instead; they are sent to Ferry and uploaded.',
): DesktopHooks {
  if (!context.desktop) {
    throw new SyncError('unsupported', 'no-retry', `${what} needs the desktop app.`, { hint });
  }
  return context.desktop;
}
