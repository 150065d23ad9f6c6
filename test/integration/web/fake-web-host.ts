import type { PushMessage, RequestHandlers } from '../../../app/ipc/contract.js';
import type { WebServerHost } from '../../../main/web/web-server.js';
import type { StagedFile } from '../../../main/ui-host/ferry-ui-host.js';

/**
 * The engine side of `ferry serve` without an engine: one folder "data" (prefix "p/") whose
 * pause state the test sets, and staged files kept until the test finishes them. Enough to
 * drive the real HTTP server over real sockets.
 */
export class FakeWebHost implements WebServerHost {
  pausedReason: string | null = null;
  readonly staged: StagedFile[] = [];
  readonly handlers = {
    'app:get-snapshot': () => Promise.resolve({ host: 'web' }),
  } as unknown as RequestHandlers;

  onPush(listener: (message: PushMessage) => void): () => void {
    void listener;
    return () => {};
  }

  folderPrefix(folderId: string): string | undefined {
    return folderId === 'data' ? 'p/' : undefined;
  }

  folderPauseReason(folderId: string): string | null {
    return folderId === 'data' ? this.pausedReason : null;
  }

  uploadStagedFile(file: StagedFile): unknown {
    this.staged.push(file);
    return { id: this.staged.length };
  }

  /** Ends every staged upload (the engine would, once each is uploaded). */
  finishAll(): void {
    for (const file of this.staged.splice(0)) file.onFinished();
  }
}
