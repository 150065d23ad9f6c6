import { SyncError } from '../../../app/errors/sync-error.js';

/**
 * OSS bucket names: 3–63 of lowercase letters, digits and "-", starting and ending with a letter
 * or digit, no dots (OSS "Bucket naming conventions"; also ali-oss checkBucketName.js with
 * createBucket). ali-oss's own check throws a plain Error when the client is built, which
 * looked like a network failure and was retried forever (issue 10).
 */
const OSS_BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** Throws `bucket-invalid` (fatal: every file of the folder would fail the same way). */
export function checkOssBucket(bucket: string, what: string): void {
  if (OSS_BUCKET.test(bucket)) return;
  throw new SyncError(
    'bucket-invalid',
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
 * A leading slash can only come from the folder's prefix: `key-invalid` (fatal, the folder's
 * configuration). A name too long is this file's: `invalid-name` (no-retry, the others go on).
 */
export function checkOssKey(key: string, what: string): void {
  if (/^[/\\]/.test(key)) {
    throw new SyncError('key-invalid', 'fatal', `${what}: OSS keys must not start with / or \\.`, {
      hint: "Remove the leading slash from the folder's prefix.",
    });
  }
  const bytes = new TextEncoder().encode(key).byteLength;
  if (bytes >= 1 && bytes <= 1023) return;
  throw new SyncError(
    'invalid-name',
    'no-retry',
    `${what}: OSS cannot store a name of ${bytes} bytes (it allows 1–1023).`,
    { hint: "Shorten the file's path or the folder's prefix." },
  );
}
