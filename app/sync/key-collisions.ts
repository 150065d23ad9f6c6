import { SyncError } from '../errors/sync-error.js';
import { keyIdentity, S3_KEY_RULES, toObjectKey, type ObjectKeyRules } from './object-key.js';

/**
 * How a folder's local paths become objects, for collision checks. Two local names can map to
 * one key: "café" written in NFC and in NFD are two files on Linux but one NFC key, and on a
 * case-insensitive store "A.txt" and "a.txt" are one object. Uploading both would keep only
 * the last; in mirror mode deleting one would delete the object of the other, which still
 * exists (issue 11: data loss).
 */
export interface KeyMapping {
  /** The identity of the object a local path maps to; null when the path has no valid key
   *  (it fails on its own, with its own reason). */
  identityOfPath(relativePath: string): string | null;
  /** The identity of a stored key (a journal record's remoteKey). */
  identityOfKey(key: string): string;
}

/** The mapping of a folder with this prefix on a store with these key rules. */
export function folderKeyMapping(prefix: string, rules: ObjectKeyRules = S3_KEY_RULES): KeyMapping {
  return {
    identityOfPath: (relativePath) => {
      try {
        return keyIdentity(toObjectKey(prefix, relativePath, rules), rules);
      } catch {
        return null;
      }
    },
    identityOfKey: (key) => keyIdentity(key, rules),
  };
}

/** Without a folder's prefix and rules (tests, old callers): NFC paths, case-sensitive. */
export const PATH_KEY_MAPPING: KeyMapping = folderKeyMapping('');

/**
 * Local paths grouped by the object they map to, kept up to date as files come and go (the
 * watcher's fast path adds and removes single paths between full scans).
 */
export class KeyIndex {
  private readonly pathsByIdentity = new Map<string, Set<string>>();
  private readonly identityByPath = new Map<string, string>();

  constructor(private readonly mapping: KeyMapping) {}

  static of(paths: Iterable<string>, mapping: KeyMapping): KeyIndex {
    const index = new KeyIndex(mapping);
    for (const path of paths) index.add(path);
    return index;
  }

  add(relativePath: string): void {
    if (this.identityByPath.has(relativePath)) return;
    const identity = this.mapping.identityOfPath(relativePath);
    if (identity === null) return;
    this.identityByPath.set(relativePath, identity);
    const paths = this.pathsByIdentity.get(identity);
    if (paths) paths.add(relativePath);
    else this.pathsByIdentity.set(identity, new Set([relativePath]));
  }

  /** Forgets the path; returns the paths that shared its key (they may be free of it now). */
  remove(relativePath: string): string[] {
    const identity = this.identityByPath.get(relativePath);
    if (identity === undefined) return [];
    this.identityByPath.delete(relativePath);
    const paths = this.pathsByIdentity.get(identity);
    paths?.delete(relativePath);
    if (paths?.size === 0) this.pathsByIdentity.delete(identity);
    return paths ? [...paths] : [];
  }

  /** The other local paths that map to the same object as this one (sorted). */
  othersOf(relativePath: string): string[] {
    const identity = this.identityByPath.get(relativePath);
    const paths = identity === undefined ? undefined : this.pathsByIdentity.get(identity);
    if (!paths || paths.size < 2) return [];
    return [...paths].filter((path) => path !== relativePath).sort();
  }

  /** Whether some local path maps to the object of this stored key. */
  claimsKey(key: string): boolean {
    return this.pathsByIdentity.has(this.mapping.identityOfKey(key));
  }

  /** Whether some other local path maps to the same object as this (possibly gone) path. */
  claimsPathOf(relativePath: string): boolean {
    const identity = this.mapping.identityOfPath(relativePath);
    if (identity === null) return false;
    const paths = this.pathsByIdentity.get(identity);
    return paths !== undefined && [...paths].some((path) => path !== relativePath);
  }
}

/** The failure both (all) colliding files get, instead of an upload or a delete. */
export function keyCollisionError(relativePath: string, others: readonly string[]): SyncError {
  const names = others.map((other) => JSON.stringify(other)).join(', ');
  return new SyncError(
    'invalid-name',
    'no-retry',
    `Two files map to the same key: ${JSON.stringify(relativePath)} and ${names} differ only in Unicode normalisation or letter case, so they would be one object in the bucket. Neither is uploaded or deleted.`,
    {
      hint: 'Rename or remove all but one of them (e.g. the copy a macOS or Windows tool re-wrote); the remaining one syncs at the next scan.',
    },
  );
}
