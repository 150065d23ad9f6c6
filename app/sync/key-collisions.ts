import { SyncError } from '../errors/sync-error.js';
import { keyIdentity, S3_KEY_RULES, type ObjectKeyRules } from './object-key.js';
import { compareWalkOrder, searchWalkOrder } from './walk-order.js';

/**
 * How a folder's local paths become objects, for collision checks. Two local names can map to
 * one key: "café" written in NFC and in NFD are two files on Linux but one NFC key, and on a
 * case-insensitive store "A.txt" and "a.txt" are one object. Uploading both would keep only
 * the last; in mirror mode deleting one would delete the object of the other, which still
 * exists (issue 11: data loss).
 */
export interface KeyMapping {
  /** The identity of the object a local path maps to; null for a path a mapping leaves out. */
  identityOfPath(relativePath: string): string | null;
  /** The identity of a stored key (a journal record's remoteKey). */
  identityOfKey(key: string): string;
}

/** Printable ASCII and controls: NFC leaves such a string as it is, and case folding is cheap. */
// eslint-disable-next-line no-control-regex -- the whole ASCII range, controls included
const ASCII = /^[\x00-\x7F]*$/;

/**
 * The mapping of a folder with this prefix on a store with these key rules. It does not
 * validate: a name no store accepts fails on its own, and the checks run on the NFC form, so
 * two names with one NFC form are both valid or both not. Runs for every file of every scan
 * (100,000 files: a few tens of ms), so ASCII paths skip the Unicode work.
 */
export function folderKeyMapping(prefix: string, rules: ObjectKeyRules = S3_KEY_RULES): KeyMapping {
  const fold = (text: string) =>
    ASCII.test(text)
      ? rules.caseInsensitive
        ? text.toLowerCase()
        : text
      : keyIdentity(text, rules);
  // Local paths are compared without the prefix they all share (no string per file is built);
  // a stored key under another prefix (an older config) never matches a local path.
  const foldedPrefix = fold(prefix);
  return {
    identityOfPath: fold,
    identityOfKey: (key) => {
      const folded = fold(key);
      return folded.startsWith(foldedPrefix)
        ? folded.slice(foldedPrefix.length)
        : `\u0000${folded}`;
    },
  };
}

/** Without a folder's prefix and rules (tests, old callers): NFC paths, case-sensitive. */
export const PATH_KEY_MAPPING: KeyMapping = folderKeyMapping('');

/**
 * Local paths grouped by the object they map to, kept up to date as files come and go (the
 * watcher's fast path adds and removes single paths between full scans). One map entry per
 * key: the path itself, or the sorted paths when several collide (rare).
 *
 * Kept for the folder's life, so built lean (issue 15): nearly every path is its own identity
 * (ASCII on a case-sensitive store), and a scan hands them over in walk order, so those sit in
 * one array found by binary search (walk-order.ts) instead of a Map of 100,000 entries (3.7 MB,
 * twice that while it grew). A path of that array that a later change touches moves to the map
 * first: an identity is in the array or in the map, never both.
 */
export class KeyIndex {
  /** Paths that are their own identity, in walk order, each alone on its key. */
  private readonly ordered: string[] = [];
  /** Paths of `ordered` that moved to the map (or left). */
  private readonly moved = new Set<string>();
  private readonly byIdentity = new Map<string, string | string[]>();

  constructor(private readonly mapping: KeyMapping) {}

  static of(paths: Iterable<string>, mapping: KeyMapping): KeyIndex {
    const index = new KeyIndex(mapping);
    const ordered = index.ordered;
    for (const path of paths) {
      const last = ordered[ordered.length - 1];
      if (
        mapping.identityOfPath(path) === path &&
        (last === undefined || compareWalkOrder(last, path) < 0) &&
        !index.byIdentity.has(path)
      ) {
        ordered.push(path);
      } else index.add(path);
    }
    return index;
  }

  add(relativePath: string): void {
    const identity = this.mapping.identityOfPath(relativePath);
    if (identity === null) return;
    const entry = this.takeForChange(identity);
    if (entry === undefined) this.byIdentity.set(identity, relativePath);
    else if (typeof entry === 'string') {
      if (entry !== relativePath) this.byIdentity.set(identity, [entry, relativePath].sort());
    } else if (!entry.includes(relativePath)) {
      this.byIdentity.set(identity, [...entry, relativePath].sort());
    }
  }

  /** Forgets the path; returns the paths that shared its key (they may be free of it now). */
  remove(relativePath: string): string[] {
    const identity = this.mapping.identityOfPath(relativePath);
    const entry = identity === null ? undefined : this.takeForChange(identity);
    if (identity === null || entry === undefined) return [];
    if (typeof entry === 'string') {
      if (entry === relativePath) this.byIdentity.delete(identity);
      return [];
    }
    if (!entry.includes(relativePath)) return [...entry];
    const rest = entry.filter((path) => path !== relativePath);
    this.byIdentity.set(identity, rest.length === 1 ? (rest[0] ?? '') : rest);
    return rest;
  }

  /** The other local paths that map to the same object as this one (sorted). */
  othersOf(relativePath: string): string[] {
    const identity = this.mapping.identityOfPath(relativePath);
    // Only the map holds several paths on one key: the ordered array needs no search here.
    const entry = identity === null ? undefined : this.byIdentity.get(identity);
    if (!Array.isArray(entry) || !entry.includes(relativePath)) return [];
    return entry.filter((path) => path !== relativePath);
  }

  /** Whether some local path maps to the object of this stored key. */
  claimsKey(key: string): boolean {
    return this.entryOf(this.mapping.identityOfKey(key)) !== undefined;
  }

  /** Whether some other local path maps to the same object as this (possibly gone) path. */
  claimsPathOf(relativePath: string): boolean {
    const identity = this.mapping.identityOfPath(relativePath);
    const entry = identity === null ? undefined : this.entryOf(identity);
    if (entry === undefined) return false;
    return typeof entry === 'string'
      ? entry !== relativePath
      : entry.some((p) => p !== relativePath);
  }

  /** The path or paths on this identity, wherever they are kept. */
  private entryOf(identity: string): string | string[] | undefined {
    return this.byIdentity.get(identity) ?? (this.inOrdered(identity) ? identity : undefined);
  }

  private inOrdered(identity: string): boolean {
    return !this.moved.has(identity) && searchWalkOrder(this.ordered, identity) >= 0;
  }

  /** The entry of an identity about to change, moved from the ordered array to the map first. */
  private takeForChange(identity: string): string | string[] | undefined {
    if (this.inOrdered(identity)) {
      this.moved.add(identity);
      this.byIdentity.set(identity, identity);
    }
    return this.byIdentity.get(identity);
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
