import { SyncError } from '../errors/sync-error.js';

/** S3 and OSS both cap an object key at 1024 bytes of UTF-8. */
export const MAX_KEY_BYTES = 1024;

// Lone surrogates only: with the `u` flag a well-formed pair is one code point and does not match.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001F\u007F]/u;

/**
 * The object key for a file: `prefix` ('' or ending in '/') followed by the file's
 * '/'-separated path below the folder root, normalised to NFC. macOS hands out NFD names and
 * Linux keeps whatever bytes were written; normalising means "é" gets one key whichever machine
 * uploaded it. Throws SyncError 'invalid-name' (no-retry) for a path no store can hold faithfully.
 */
export function toObjectKey(prefix: string, relativePath: string): string {
  if (prefix !== '' && !prefix.endsWith('/')) {
    throw new SyncError('internal', 'fatal', `Key prefix ${show(prefix)} does not end in "/".`);
  }
  checkRelativePath(relativePath);
  const key = (prefix + relativePath).normalize('NFC');
  const bytes = utf8Length(key);
  if (bytes > MAX_KEY_BYTES) {
    throw invalidName(
      `The object key for ${show(relativePath)} is ${bytes} bytes of UTF-8; object storage allows at most ${MAX_KEY_BYTES}.`,
      "Shorten the file or folder names (or the folder's remote prefix); Ferry skips this file until then.",
    );
  }
  return key;
}

function checkRelativePath(relativePath: string): void {
  if (relativePath === '') {
    throw invalidName('The file path is empty.', 'This is a Ferry bug: please report it.');
  }
  // Before anything else: normalize() and the error messages must not see invalid UTF-16.
  if (LONE_SURROGATE.test(relativePath)) {
    throw invalidName(
      `The name ${show(relativePath)} is not valid Unicode (it holds half of a UTF-16 surrogate pair).`,
      'Rename the file; the name was probably written by a program with an encoding bug.',
    );
  }
  const control = CONTROL_CHARACTER.exec(relativePath);
  if (control) {
    throw invalidName(
      `The name ${show(relativePath)} contains the control character ${codePoint(control[0])}.`,
      'Rename the file without control characters (tabs, line breaks); Ferry skips it until then.',
    );
  }
  for (const segment of relativePath.split('/')) {
    if (segment === '') {
      throw invalidName(
        `The path ${show(relativePath)} has an empty segment (a leading, trailing or doubled "/").`,
        'This is a Ferry bug: paths come from the disk and cannot look like this. Please report it.',
      );
    }
    if (segment === '.' || segment === '..') {
      throw invalidName(
        `The path ${show(relativePath)} has a "${segment}" segment; clients resolve it, so the object would appear under a different name.`,
        `Rename the "${segment}" file or folder.`,
      );
    }
  }
}

function invalidName(message: string, hint: string): SyncError {
  return new SyncError('invalid-name', 'no-retry', message, { hint });
}

/** Quoted with escapes, so control characters and stray surrogates are visible in messages. */
function show(text: string): string {
  return JSON.stringify(text);
}

/** "U+000A": how Unicode names a character, unambiguous in any font or terminal. */
function codePoint(character: string): string {
  const value = character.codePointAt(0) ?? 0;
  return `U+${value.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** UTF-8 length without TextEncoder (not part of the ES library app/ is compiled against). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const character of text) {
    const value = character.codePointAt(0) ?? 0;
    bytes += value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4;
  }
  return bytes;
}
