import type { CredentialStatus } from '../credentials/credential-broker.js';
import type { Transfer } from '../transfer/transfer-queue.js';

/** What the engine tells its observers (CLI progress, `--json`, the UI). Never a secret. */
export type EngineEvent =
  | { readonly type: 'scan-started'; readonly folderId: string }
  | {
      readonly type: 'scan-finished';
      readonly folderId: string;
      readonly files: number;
      readonly unchanged: number;
      readonly uploads: number;
      readonly deletes: number;
      readonly conflicts: number;
      readonly durationMs: number;
    }
  | {
      readonly type: 'scan-error';
      readonly folderId: string;
      readonly relativePath: string;
      readonly code: string;
      readonly message: string;
    }
  | {
      /** Seen and deliberately not uploaded (a FIFO, a link, a default ignore rule). */
      readonly type: 'path-skipped';
      readonly folderId: string;
      readonly relativePath: string;
      readonly code: string;
      readonly reason: string;
    }
  | { readonly type: 'transfer'; readonly transfer: Readonly<Transfer> }
  | {
      readonly type: 'conflict';
      readonly folderId: string;
      readonly relativePath: string;
      readonly remoteKey: string;
      readonly reason: string;
    }
  | { readonly type: 'folder-paused'; readonly folderId: string; readonly reason: string }
  | {
      readonly type: 'folder-error';
      readonly folderId: string;
      readonly code: string;
      readonly message: string;
      readonly hint?: string;
    }
  | {
      readonly type: 'watcher-error';
      readonly folderId: string;
      readonly code: string;
      readonly message: string;
      readonly hint?: string;
    }
  | { readonly type: 'credentials'; readonly profileId: string; readonly status: CredentialStatus };

/** Where the engine's parts report and its observers listen; built before the parts. */
export class EngineEventHub {
  private readonly listeners = new Set<(event: EngineEvent) => void>();

  on(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  readonly emit = (event: EngineEvent): void => {
    for (const listener of this.listeners) listener(event);
  };
}
