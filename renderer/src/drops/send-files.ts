import { SERVE_PATHS } from '../../../app/ipc/serve-paths.js';
import {
  addFailure,
  addReply,
  type DropOutcome,
  type DropProgress,
  type DropTarget,
} from './drop-outcome.js';
import { runLimited } from './run-limited.js';
import type { WalkedFile } from './walk-entries.js';

/** Sends one file's body; resolves to the server's JSON reply (a BridgeReply). */
export type PutFile<F> = (url: string, body: F) => Promise<unknown>;

/** `PUT /upload?token=…&folderId=…&path=…` with the file as the body. */
export function uploadUrl(token: string, folderId: string, path: string): string {
  const query = new URLSearchParams({ token, folderId, path });
  return `${SERVE_PATHS.upload}?${query.toString()}`;
}

/**
 * Streams files to `ferry serve`, at most `concurrency` at once, and sums the replies. A
 * failed file does not stop the others; each failure is reported with its path.
 */
export async function sendFiles<F>(options: {
  readonly token: string;
  readonly target: DropTarget;
  readonly files: readonly WalkedFile<F>[];
  readonly put: PutFile<F>;
  readonly concurrency: number;
  readonly start: DropOutcome;
  readonly onProgress?: ((progress: DropProgress) => void) | undefined;
}): Promise<DropOutcome> {
  const { token, target, files, put, onProgress } = options;
  let outcome = options.start;
  let sent = 0;
  onProgress?.({ sent, total: files.length });
  await runLimited(files, options.concurrency, async ({ relativePath, file }) => {
    const path = target.subPrefix + relativePath;
    try {
      // Await first: reading `outcome` before the await would lose the parallel uploads' results.
      const reply = await put(uploadUrl(token, target.folderId, path), file);
      outcome = addReply(outcome, path, reply);
    } catch (error) {
      outcome = addFailure(outcome, {
        path,
        message: error instanceof Error ? error.message : 'The upload failed.',
      });
    }
    sent += 1;
    onProgress?.({ sent, total: files.length });
  });
  return outcome;
}
