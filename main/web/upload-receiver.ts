import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { SyncError } from '../../app/errors/sync-error.js';
import { toObjectKey } from '../../app/sync/object-key.js';
import type { FerryUiHost, StagedFile } from '../ui-host/ferry-ui-host.js';
import { normaliseSubPrefix } from '../ui-host/expand-dropped-paths.js';
import { HttpRefusal, UploadBudget, type UploadLimits } from './upload-limits.js';

/** What the receiver needs from the engine's host. */
export type UploadHost = Pick<FerryUiHost, 'folderPrefix' | 'folderPauseReason'> & {
  uploadStagedFile(file: StagedFile): unknown;
};

/**
 * A file dropped on the page in a browser: the browser cannot tell us its path, so it sends the
 * bytes. They are staged in a private directory, uploaded as a one-off, and the staged copy is
 * deleted when the upload ends. A body shorter than its Content-Length (the tab was closed) is
 * discarded, never uploaded. Everything that can be refused is refused before a byte is staged:
 * an unknown or paused folder, a bad name, a size over the limits, too many at once.
 */
export class UploadReceiver {
  private counter = 0;
  private readonly budget: UploadBudget;

  constructor(
    private readonly stagingDir: string,
    private readonly host: UploadHost,
    limits: UploadLimits,
  ) {
    this.budget = new UploadBudget(limits);
  }

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
      throw new HttpRefusal(404, 'not-found', `There is no folder "${folderId}".`);
    }
    const paused = this.host.folderPauseReason(folderId);
    if (paused !== null) {
      // A paused folder must not pile up staged bytes that nothing will upload.
      throw new HttpRefusal(409, 'folder-paused', `The folder "${folderId}" is paused: ${paused}`, {
        hint: 'Resume the folder, then drop the files again.',
        params: { folder: folderId },
      });
    }
    if (relativeKey === '') {
      throw new HttpRefusal(400, 'bad-request', 'The upload names no file (?path=…).');
    }
    try {
      toObjectKey(prefix, relativeKey);
    } catch (error) {
      return { queued: 0, skipped: [`${rawPath}: ${(error as Error).message}`] };
    }
    const declared = request.headers['content-length'];
    const expected = declared === undefined ? Number.NaN : Number(declared);
    if (!Number.isSafeInteger(expected) || expected < 0) {
      // Without a length the size limits could only be enforced after the fact.
      throw new HttpRefusal(411, 'bad-request', `The upload of ${rawPath} has no Content-Length.`);
    }
    const admission = this.budget.admit(expected, rawPath);
    request.once('close', admission.releaseSlot);
    let staged: string;
    let received = 0;
    try {
      await mkdir(this.stagingDir, { recursive: true, mode: 0o700 });
      staged = join(this.stagingDir, `${process.pid}-${++this.counter}`);
    } catch (error) {
      admission.releaseBytes();
      throw error;
    }
    const discard = async () => {
      await rm(staged, { force: true });
      admission.releaseBytes();
    };
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        // Node's parser stops at Content-Length; this guards the budget if that ever changes.
        if (received > expected) done(new Error('body longer than its Content-Length'));
        else done(null, chunk);
      },
    });
    try {
      await pipeline(request, counter, createWriteStream(staged, { mode: 0o600 }));
    } catch (error) {
      await discard();
      throw new SyncError('network', 'no-retry', `The upload of ${rawPath} was interrupted.`, {
        cause: error,
      });
    } finally {
      admission.releaseSlot();
    }
    if (received !== expected) {
      await discard();
      throw new HttpRefusal(
        400,
        'upload-incomplete',
        `The upload of ${rawPath} was incomplete (${received} of ${expected} bytes).`,
        {
          hint: 'The page was closed or the connection dropped: send the file again.',
          params: { name: rawPath, received, expected },
        },
      );
    }
    this.host.uploadStagedFile({
      folderId,
      relativeKey,
      absolutePath: staged,
      size: received,
      onFinished: () => void discard(),
    });
    return { queued: 1, skipped: [] };
  }

  async dispose(): Promise<void> {
    await rm(this.stagingDir, { recursive: true, force: true });
  }
}
