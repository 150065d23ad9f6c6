import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import { SyncError } from '../../app/errors/sync-error.js';
import { toObjectKey } from '../../app/sync/object-key.js';
import type { FerryUiHost } from '../service/ferry-ui-host.js';
import { normaliseSubPrefix } from '../service/expand-dropped-paths.js';

/**
 * A file dropped on the page in a browser: the browser cannot tell us its path, so it sends the
 * bytes. They are staged in a private directory, uploaded as a one-off, and the staged copy is
 * deleted when the upload ends. A body shorter than its Content-Length (the tab was closed) is
 * discarded, never uploaded.
 */
export class UploadReceiver {
  private counter = 0;

  constructor(
    private readonly stagingDir: string,
    private readonly host: FerryUiHost,
  ) {}

  async receive(
    request: IncomingMessage,
    url: URL,
  ): Promise<{ queued: number; skipped: string[] }> {
    const folderId = url.searchParams.get('folderId') ?? '';
    const rawPath = url.searchParams.get('path') ?? '';
    const relativeKey = normaliseSubPrefix(rawPath).replace(/\/$/, '');
    // Checked before a byte is staged; not via the snapshot, which counts every transfer.
    const prefix = this.host.folderPrefix(folderId);
    if (prefix === undefined) {
      throw new SyncError('not-found', 'no-retry', `There is no folder "${folderId}".`);
    }
    if (relativeKey === '') {
      throw new SyncError('bad-request', 'no-retry', 'The upload names no file (?path=…).');
    }
    try {
      toObjectKey(prefix, relativeKey);
    } catch (error) {
      return { queued: 0, skipped: [`${rawPath}: ${(error as Error).message}`] };
    }
    const expected = Number(request.headers['content-length'] ?? Number.NaN);
    await mkdir(this.stagingDir, { recursive: true, mode: 0o700 });
    const staged = join(this.stagingDir, `${process.pid}-${++this.counter}`);
    let received = 0;
    request.on('data', (chunk: Buffer) => (received += chunk.length));
    try {
      await pipeline(request, createWriteStream(staged, { mode: 0o600 }));
    } catch (error) {
      await rm(staged, { force: true });
      throw new SyncError('network', 'no-retry', `The upload of ${rawPath} was interrupted.`, {
        cause: error,
      });
    }
    if (Number.isFinite(expected) && received !== expected) {
      await rm(staged, { force: true });
      throw new SyncError(
        'bad-request',
        'no-retry',
        `The upload of ${rawPath} was incomplete (${received} of ${expected} bytes).`,
      );
    }
    this.host.uploadStagedFile({
      folderId,
      relativeKey,
      absolutePath: staged,
      size: received,
      onFinished: () => void rm(staged, { force: true }),
    });
    return { queued: 1, skipped: [] };
  }

  async dispose(): Promise<void> {
    await rm(this.stagingDir, { recursive: true, force: true });
  }
}
