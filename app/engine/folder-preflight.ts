import { isCredentialError } from '../errors/credential-errors.js';
import { SyncError, toSyncError } from '../errors/sync-error.js';
import type { Clock } from '../ports/clock.js';
import type { FileSystem } from '../ports/file-system.js';
import type { ObjectStore } from '../ports/object-store.js';
import { withRetries } from '../retry/with-retries.js';
import type { FolderSpec } from '../sync/folder-spec.js';

/** What a preflight looked at: the local folder, the bucket, and what the folder's mode uses. */
export type PreflightCheckName = 'folder' | 'write' | 'list' | 'delete';

export interface PreflightCheck {
  readonly name: PreflightCheckName;
  /** `not-needed`: the folder's mode never does it, so it was not asked; `not-checked`: an
   *  earlier check failed (a missing bucket fails every request the same way). */
  readonly outcome: 'ok' | 'failed' | 'not-needed' | 'not-checked';
}

export interface FolderPreflight {
  readonly folderId: string;
  readonly checks: readonly PreflightCheck[];
  /** The first failure, naming the folder, its path or bucket and the fix; null: it may start. */
  readonly error: SyncError | null;
}

export interface PreflightPorts {
  readonly fs: FileSystem;
  readonly store: ObjectStore;
  readonly clock: Clock;
  readonly random: () => number;
  /** A fresh unique id for the probe keys (randomUUID in main/). */
  readonly newId: () => string;
}

/** The probes' keys all carry this: an object or upload with it is Ferry's own, never a user's. */
export const PREFLIGHT_KEY_MARK = '.ferry-preflight-';

/**
 * Checks, before a folder syncs, what its syncing will use (issue 12: a missing path or bucket
 * was reported as "0 uploaded", or as 10,000 failed files): the folder exists, is a directory
 * and can be listed; the bucket exists and the token may write under the prefix; and only where
 * the mode needs them, listing (remoteListing) and deleting (mirror). Nothing is left behind:
 * - write: CreateMultipartUpload then AbortMultipartUpload of a probe key, both in every upload
 *   policy (session-policy.ts; S3 authorises CreateMultipartUpload with s3:PutObject, OSS
 *   InitiateMultipartUpload with oss:PutObject). Unlike HEAD, whose 404 for a missing bucket
 *   has no body to tell it from a missing key (RFC 9110 §9.3.2: HEAD answers carry no content),
 *   CreateMultipartUpload answers NoSuchBucket explicitly (AWS S3 API Reference,
 *   "CreateMultipartUpload", Errors; read 2026-11-30).
 * - delete: DeleteObject of a key that does not exist, which S3 answers 204 when allowed and
 *   403 when not (AWS S3 API Reference, "DeleteObject": deleting a missing key succeeds).
 * - list: one ListObjectsV2 page of the prefix.
 * Transient errors (5xx, throttling, reset connections) are retried like any request; only an
 * endpoint that keeps failing through the backoff (about 7 s) is reported as unreachable.
 */
export async function preflightFolder(
  folder: FolderSpec,
  ports: PreflightPorts,
): Promise<FolderPreflight> {
  const checks: PreflightCheck[] = [];
  let error: SyncError | null = null;
  const record = (name: PreflightCheckName, failure: SyncError | null) => {
    checks.push({ name, outcome: failure ? 'failed' : 'ok' });
    error ??= failure;
  };
  record('folder', await checkFolderPath(folder, ports.fs));
  const write = await probe(folder, 'write', ports, async () => {
    // A key that cannot exist: HEAD's "not found" proves endpoint, signature and clock first.
    // Denied is fine here: HEAD needs GetObject, which a custom policy may leave out.
    await ports.store
      .head({ bucket: folder.bucket, key: probeKey(folder, ports) })
      .catch((thrown: unknown) => {
        if (toSyncError(thrown).code !== 'access-denied') throw thrown;
      });
    const ref = { bucket: folder.bucket, key: probeKey(folder, ports) };
    const { uploadId } = await ports.store.createMultipart(ref);
    // Best effort: an upload left behind by a failed abort is Ferry's own orphan (the mark in
    // its key), which the orphan sweep aborts after its grace period.
    await ports.store.abortMultipart({ ...ref, uploadId }).catch(() => {});
  });
  record('write', write);
  // A bucket that is missing or unwritable fails the rest the same way: ask no more.
  if (folder.remoteListing && write === null) {
    record(
      'list',
      await probe(folder, 'list', ports, () =>
        ports.store.list({ bucket: folder.bucket, prefix: folder.prefix }),
      ),
    );
  } else {
    checks.push({ name: 'list', outcome: folder.remoteListing ? 'not-checked' : 'not-needed' });
  }
  if (folder.mode === 'mirror' && write === null) {
    record(
      'delete',
      await probe(folder, 'delete', ports, () =>
        ports.store.delete({ bucket: folder.bucket, key: probeKey(folder, ports) }),
      ),
    );
  } else {
    checks.push({
      name: 'delete',
      outcome: folder.mode === 'mirror' ? 'not-checked' : 'not-needed',
    });
  }
  return { folderId: folder.id, checks, error };
}

function probeKey(folder: FolderSpec, ports: PreflightPorts): string {
  return `${folder.prefix}${PREFLIGHT_KEY_MARK}${ports.newId()}`;
}

/** The local folder: exists, is a directory (or a link to one), and can be listed. The local
 *  part of the preflight, alone: `ferry status` runs it (read-only, offline). */
export async function checkFolderPath(
  folder: FolderSpec,
  fs: FileSystem,
): Promise<SyncError | null> {
  const where = `Folder "${folder.id}": ${folder.root}`;
  const fix = `correct "path" of folder "${folder.id}" in the config`;
  const unreadable = (thrown: unknown) =>
    pathError(
      `${where} cannot be read (${toSyncError(thrown).message}).`,
      `Give this user read and execute permission on it and its parent folders (chmod u+rx), or ${fix}.`,
    );
  let stat;
  try {
    stat = await fs.stat(folder.root);
  } catch (thrown) {
    return unreadable(thrown);
  }
  if (stat === null) {
    return pathError(`${where} does not exist.`, `Create the folder, or ${fix}.`);
  }
  if (stat.kind === 'file' || stat.kind === 'other') {
    return pathError(`${where} is not a folder.`, `Point it at a folder: ${fix}.`);
  }
  try {
    // Lists the root and ignores every entry: fails exactly when the root cannot be read
    // (FileSystem.walk rejects rather than walking nothing), costs one readdir.
    for await (const entry of fs.walk(folder.root, {
      followSymlinks: false,
      isIgnored: () => true,
      onError: () => {},
    })) {
      void entry;
      break;
    }
  } catch (thrown) {
    return unreadable(thrown);
  }
  return null;
}

function pathError(message: string, hint: string): SyncError {
  return new SyncError('config-invalid', 'fatal', message, {
    hint: hint.charAt(0).toUpperCase() + hint.slice(1),
  });
}

/** What each probe asks of the store, in the words of the message, and the S3 operation it
 *  sends: the probe's own key (PREFLIGHT_KEY_MARK + a uuid) is Ferry's internal detail, so
 *  messages and params name the bucket and prefix instead (screenshot review, issue 13). */
const ACTION_WORDS: Record<Exclude<PreflightCheckName, 'folder'>, string> = {
  write: 'upload to',
  list: 'list',
  delete: 'delete in',
};
const OPERATIONS: Record<Exclude<PreflightCheckName, 'folder'>, string> = {
  write: 'CreateMultipartUpload',
  list: 'ListObjectsV2',
  delete: 'DeleteObject',
};

/** Any probe key in a store message, bucket-qualified or not. */
const PROBE_KEY = new RegExp(`\\S*${PREFLIGHT_KEY_MARK.replace(/[.-]/g, '\\$&')}[\\w-]+`, 'g');

async function probe(
  folder: FolderSpec,
  name: Exclude<PreflightCheckName, 'folder'>,
  ports: PreflightPorts,
  operation: () => Promise<unknown>,
): Promise<SyncError | null> {
  const where = `s3://${folder.bucket}/${folder.prefix}`;
  try {
    await withRetries(() => credentialErrorsFatal(operation), {
      clock: ports.clock,
      random: ports.random,
      backoff: { baseMs: 500, maxMs: 4_000 },
      maxAttempts: 5,
      failOnFatalCredentials: true,
    });
    return null;
  } catch (thrown) {
    const error = toSyncError(thrown);
    // The profile's own problem (wrong key, STS down): its message names the profile; the UI
    // host starts such a folder anyway, to wait for a token like any transfer.
    if (isCredentialError(error)) return error;
    const prefixed = (message: string, hint: string) =>
      new SyncError(error.code, 'fatal', `Folder "${folder.id}": ${message}`, {
        hint,
        params: {
          ...error.params,
          ...(error.params?.['action'] === undefined
            ? {}
            : { action: `${OPERATIONS[name]} ${where}` }),
          folder: folder.id,
          bucket: folder.bucket,
        },
        cause: error,
      });
    switch (error.code) {
      case 'network':
      case 'server-error':
      case 'throttled':
        return new SyncError(
          'config-invalid',
          'fatal',
          `Folder "${folder.id}": the store for bucket "${folder.bucket}" cannot be reached (${withoutStop(error.message)}).`,
          {
            hint: "Check the profile's endpoint, forcePathStyle and the network or proxy.",
            cause: error,
          },
        );
      case 'bucket-missing':
        return prefixed(
          `bucket "${folder.bucket}" does not exist (or not at this profile's endpoint and region).`,
          `Create the bucket, or correct "bucket" of folder "${folder.id}" (and the profile's endpoint or region).`,
        );
      case 'access-denied':
        return prefixed(
          `the token may not ${ACTION_WORDS[name]} ${where} (the store denied ${OPERATIONS[name]}: ${error.params?.['storeCode'] ?? 'AccessDenied'}).`,
          permissionHint(folder, name),
        );
      default:
        return prefixed(
          error.message.replace(PROBE_KEY, where),
          error.hint ?? `Check the configuration of "${folder.id}".`,
        );
    }
  }
}

/** A token that cannot be had is the profile's problem, not the folder's, and the broker has
 *  its own schedule for it: the probe reports it at once instead of waiting for credentials
 *  (withRetries would wait without end while STS is down). */
async function credentialErrorsFatal(operation: () => Promise<unknown>): Promise<void> {
  try {
    await operation();
  } catch (thrown) {
    const error = toSyncError(thrown);
    if (!isCredentialError(error) || error.disposition === 'fatal') throw error;
    throw new SyncError(error.code, 'fatal', error.message, {
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      ...(error.params === undefined ? {} : { params: error.params }),
      cause: error,
    });
  }
}

function permissionHint(folder: FolderSpec, name: Exclude<PreflightCheckName, 'folder'>): string {
  const place = `bucket "${folder.bucket}"${folder.prefix === '' ? '' : ` under "${folder.prefix}"`}`;
  switch (name) {
    case 'write':
      return `The role (or a custom session policy) does not allow uploads to ${place}: ask its administrator to allow PutObject and AbortMultipartUpload there, or point folder "${folder.id}" at a bucket and prefix the role may write.`;
    case 'list':
      return `Allow ListBucket on ${place} for the role, or set "remoteListing: false" on folder "${folder.id}".`;
    case 'delete':
      return `Mirror mode deletes objects: allow DeleteObject on ${place} for the role, or set "mode: upload" on folder "${folder.id}".`;
  }
}

/** A quoted message inside parentheses ends without its own full stop: "(… denied)." */
function withoutStop(message: string): string {
  return message.replace(/\.$/, '');
}
