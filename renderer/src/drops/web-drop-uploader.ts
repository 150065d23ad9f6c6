import { addFailure, EMPTY_OUTCOME } from './drop-outcome.js';
import type { DropPayload, DropUploader } from './drop-uploader.js';
import { sendFiles } from './send-files.js';
import { walkEntries, type WalkResult } from './walk-entries.js';

export interface WebDropUploaderOptions {
  readonly token: string;
  readonly fetch: typeof fetch;
  /** PUTs in flight at once: enough to overlap, few enough to keep the page responsive. */
  readonly concurrency?: number;
}

/** A browser on `ferry serve`: walks dropped folders and streams every file to the server. */
export function createWebDropUploader(options: WebDropUploaderOptions): DropUploader {
  const put = async (url: string, body: File): Promise<unknown> => {
    const response = await options.fetch(url, { method: 'PUT', body });
    try {
      return await response.json();
    } catch {
      return {
        ok: false,
        error: { code: 'http', message: `The server answered ${response.status} without details.` },
      };
    }
  };
  return {
    async upload(target, payload, onProgress) {
      const walked = await filesOf(payload);
      return sendFiles({
        token: options.token,
        target,
        files: walked.files,
        put,
        concurrency: options.concurrency ?? 4,
        start: walked.failures.reduce(addFailure, EMPTY_OUTCOME),
        onProgress,
      });
    },
  };
}

async function filesOf(payload: DropPayload): Promise<WalkResult<File>> {
  // Entries carry folders. Without an entry for every item (an old browser, a synthetic drop)
  // only the top-level files can be sent.
  if (payload.entries.length > 0 && payload.entries.length >= payload.files.length) {
    return walkEntries<File>(payload.entries);
  }
  return {
    files: payload.files.map((file) => ({ relativePath: file.name, file })),
    failures: [],
  };
}
