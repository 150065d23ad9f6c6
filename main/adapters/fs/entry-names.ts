import { isUtf8 } from 'node:buffer';

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
