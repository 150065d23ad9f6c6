import { isUtf8 } from 'node:buffer';
import { readdirSync, type Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';

/**
 * Directory entry names as the kernel gives them: bytes. Linux allows any bytes but '/' and NUL in
 * a name, so a name may not be UTF-8 at all (a file copied from an old Latin-1 or GBK system).
 * Decoding such a name lossily (U+FFFD) gives a path that does not exist, so the walk's lstat
 * failed with ENOENT and the file was reported as "no longer exists" (issue 11). Names are read as
 * Buffers and checked instead.
 */
export type DecodedName =
  | { readonly valid: true; readonly name: string }
  | { readonly valid: false; readonly escaped: string };

export function decodeEntryName(bytes: Buffer): DecodedName {
  return isUtf8(bytes)
    ? { valid: true, name: bytes.toString('utf8') }
    : { valid: false, escaped: escapeInvalidUtf8(bytes) };
}

const strict = new TextDecoder('utf-8', { fatal: true });

/**
 * A name for people: every valid UTF-8 sequence as its character, every other byte as `\xNN`
 * (`bad\xff.txt`), so the user can find the file. Only for messages: it names no real path.
 */
export function escapeInvalidUtf8(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    const length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
    if (length > 0 && i + length <= bytes.length) {
      try {
        // fatal: also refuses overlong forms and surrogates, which a length check alone lets by.
        out += strict.decode(bytes.subarray(i, i + length));
        i += length;
        continue;
      } catch {
        // not a valid sequence: escape the lead byte and resynchronise on the next one
      }
    }
    out += `\\x${lead.toString(16).padStart(2, '0')}`;
    i += 1;
  }
  return out;
}

/** A directory's entries: the names that are UTF-8, and the others escaped for messages. */
export interface EntryListing {
  readonly valid: { readonly name: string; readonly type: Dirent<string> | Dirent<Buffer> }[];
  readonly invalid: { readonly escaped: string; readonly isDirectory: boolean }[];
}

/** How a directory is listed: names as strings (lossy) or as bytes (tests count the calls). */
export interface DirectoryLister {
  strings(path: string): Promise<Dirent[]>;
  bytes(path: string): Promise<Dirent<Buffer>[]>;
}

/** The same, synchronously: the walk lists synchronously while the disk answers quickly
 *  (folder-walk.ts, WalkPacing), as it stats. */
export interface SyncDirectoryLister {
  strings(path: string): Dirent[];
  bytes(path: string): Dirent<Buffer>[];
}

const NODE_LISTER: DirectoryLister = {
  strings: (path) => readdir(path, { withFileTypes: true }),
  bytes: (path) => readdir(path, { withFileTypes: true, encoding: 'buffer' }),
};

const NODE_SYNC_LISTER: SyncDirectoryLister = {
  strings: (path) => readdirSync(path, { withFileTypes: true }),
  bytes: (path) => readdirSync(path, { withFileTypes: true, encoding: 'buffer' }),
};

/**
 * Lists a directory as strings, and again as bytes only when a name came out with U+FFFD in it:
 * a lossy decode of a name that is not UTF-8 (or a name that really holds U+FFFD, which the
 * byte listing then keeps exactly). A Buffer per name and its decoding cost ~0.5 µs a name
 * (100,000 files, issue 15), for names that are nearly always UTF-8.
 */
export async function listEntryNames(
  path: string,
  lister: DirectoryLister = NODE_LISTER,
): Promise<EntryListing> {
  return listingOfStrings(await lister.strings(path)) ?? listingOfBytes(await lister.bytes(path));
}

/** listEntryNames, synchronously. */
export function listEntryNamesSync(
  path: string,
  lister: SyncDirectoryLister = NODE_SYNC_LISTER,
): EntryListing {
  return listingOfStrings(lister.strings(path)) ?? listingOfBytes(lister.bytes(path));
}

/** The listing, or null when a name holds U+FFFD and the names must be read as bytes. */
function listingOfStrings(listing: Dirent[]): EntryListing | null {
  if (listing.some((entry) => entry.name.includes('\uFFFD'))) return null;
  return { valid: listing.map((type) => ({ name: type.name, type })), invalid: [] };
}

function listingOfBytes(listing: Dirent<Buffer>[]): EntryListing {
  const listed: EntryListing = { valid: [], invalid: [] };
  for (const type of listing) {
    const decoded = decodeEntryName(type.name);
    if (decoded.valid) listed.valid.push({ name: decoded.name, type });
    else listed.invalid.push({ escaped: decoded.escaped, isDirectory: type.isDirectory() });
  }
  return listed;
}
