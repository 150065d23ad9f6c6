import { SyncError } from '../../../app/errors/sync-error.js';

/**
 * OSS bucket names: 3–63 of lowercase letters, digits and "-", starting and ending with a letter
 * or digit, no dots (OSS "Bucket naming conventions"; also ali-oss checkBucketName.js with
 * createBucket). ali-oss's own check throws a plain Error when the client is built, which
 * looked like a network failure and was retried forever (issue 10).
 */
const OSS_BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** Throws `config-invalid` (fatal: every file of the folder would fail the same way). */
export function checkOssBucket(bucket: string, what: string): void {
  if (OSS_BUCKET.test(bucket)) return;
  throw new SyncError(
    'config-invalid',
    'fatal',
    `${what}: "${bucket}" is not an OSS bucket name.`,
    {
      hint: "OSS bucket names are 3–63 lowercase letters, digits and hyphens, starting and ending with a letter or digit (no dots). Check the folder's bucket.",
    },
  );
}

/**
 * OSS object names are 1–1023 bytes of UTF-8 and must not start with "/" or "\" (OSS "Object
 * naming conventions"). Checked before sending because ali-oss silently strips leading slashes
 * (lib/object.js `_objectName`), which would store the file under another key.
 * Throws `invalid-name` (no-retry: this file's name, not the connection).
 */
export function checkOssKey(key: string, what: string): void {
  const bytes = new TextEncoder().encode(key).byteLength;
  const slash = /^[/\\]/.test(key);
  if (bytes >= 1 && bytes <= 1023 && !slash) return;
  throw new SyncError(
    'invalid-name',
    'no-retry',
    `${what}: OSS cannot store this name (${slash ? 'it starts with a slash' : `${bytes} bytes, OSS allows 1–1023`}).`,
    {
      hint: "Shorten the file's path, or change the folder's prefix (it must not start with / or \\).",
    },
  );
}
