/**
 * A folder with `prefix: ""` syncs into the whole bucket: its session policy covers every key,
 * listing (remoteListing) is an unconditioned ListBucket, and in mirror mode its deletes reach
 * the whole bucket. The config only allows it when written explicitly (issue 11: a prefix of
 * "/" used to become the whole bucket silently); this is the warning Ferry logs and prints.
 * @returns the warning, or null for a folder with a prefix.
 */
export function wholeBucketWarning(folder: {
  readonly id: string;
  readonly bucket: string;
  readonly prefix: string;
}): string | null {
  if (folder.prefix !== '') return null;
  return `Folder "${folder.id}" syncs into the whole bucket "${folder.bucket}" (prefix: ""): its credentials cover every key in the bucket. Give it a prefix unless the bucket is its alone.`;
}
