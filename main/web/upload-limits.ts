import { SyncError, type ErrorCode, type SyncErrorOptions } from '../../app/errors/sync-error.js';

/**
 * How much a browser may make `ferry serve` hold at once. Dropped files are staged on this
 * machine's disk until the engine has uploaded them; without bounds one page (or a script
 * with the token) can fill the disk or open thousands of streams.
 */
export interface UploadLimits {
  /** One dropped file. */
  readonly maxUploadBytes: number;
  /** Everything staged and not yet uploaded, together. */
  readonly maxStagingBytes: number;
  /** PUT bodies being received at once (the page sends 4 in parallel). */
  readonly maxConcurrentUploads: number;
}

const GiB = 1024 ** 3;

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxUploadBytes: 5 * GiB,
  maxStagingBytes: 20 * GiB,
  maxConcurrentUploads: 4,
};

/** A refusal with the HTTP status that says why (413 too big, 429 too many, 409 paused…). */
export class HttpRefusal extends SyncError {
  constructor(
    readonly status: number,
    code: ErrorCode,
    message: string,
    options: SyncErrorOptions = {},
  ) {
    super(code, 'no-retry', message, options);
  }
}

/**
 * Admission for uploads: a slot and the declared bytes are reserved before a byte is staged,
 * and given back when the staged copy is deleted (the bytes) or the body ends (the slot).
 */
export class UploadBudget {
  private active = 0;
  private stagedBytes = 0;

  constructor(private readonly limits: UploadLimits) {}

  /** Reserves a slot and `bytes`; returns the release functions, or throws HttpRefusal. */
  admit(bytes: number, name: string): { releaseSlot: () => void; releaseBytes: () => void } {
    const { maxUploadBytes, maxStagingBytes, maxConcurrentUploads } = this.limits;
    if (bytes > maxUploadBytes) {
      throw new HttpRefusal(
        413,
        'upload-too-large',
        `${name} is ${bytes} bytes; ferry serve accepts at most ${maxUploadBytes} bytes per file.`,
        {
          hint: 'Copy large files into the synced folder instead, or raise --max-upload-bytes.',
          params: { name, size: bytes, limit: maxUploadBytes },
        },
      );
    }
    if (this.active >= maxConcurrentUploads) {
      throw new HttpRefusal(
        429,
        'upload-busy',
        `Already receiving ${this.active} files; ${name} was not accepted.`,
        {
          hint: 'Send it again when the others have arrived.',
          params: { name, active: this.active },
        },
      );
    }
    if (this.stagedBytes + bytes > maxStagingBytes) {
      throw new HttpRefusal(
        507,
        'staging-full',
        `${name} does not fit: ${this.stagedBytes} bytes are waiting to be uploaded, and ferry serve stages at most ${maxStagingBytes}.`,
        {
          hint: 'Send it again once the files before it are uploaded, or raise --max-staging-bytes.',
          params: { name, staged: this.stagedBytes, limit: maxStagingBytes },
        },
      );
    }
    this.active += 1;
    this.stagedBytes += bytes;
    return {
      releaseSlot: once(() => (this.active -= 1)),
      releaseBytes: once(() => (this.stagedBytes -= bytes)),
    };
  }
}

function once(run: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    run();
  };
}
