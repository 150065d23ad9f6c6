/** What the journal's table classes share to bind their statements' parameters. */

/** Only the named fields: callers may pass richer objects, and better-sqlite3 binds what it gets. */
export function pickFields<T, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  const picked = {} as Pick<T, K>;
  for (const key of keys) picked[key] = value[key];
  return picked;
}

/** The (folder, path) key every per-file table is looked up by. */
export interface FileKey {
  folderId: string;
  relativePath: string;
}

/** SQL condition on a per-file table's key, bound from a FileKey. */
export const BY_FILE_KEY = 'WHERE folder_id = @folderId AND relative_path = @relativePath';
