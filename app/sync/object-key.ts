import { SyncError } from '../errors/sync-error.js';

/** S3 and OSS both cap an object key at 1024 bytes of UTF-8 (OSS: 1023, see OSS_KEY_RULES). */
export const MAX_KEY_BYTES = 1024;

/**
 * What a store accepts as a key. Structurally a subset of the provider presets' KeyRules
 * (app/config/providers/provider-presets.ts), so a preset can be passed as it is.
 */
export interface ObjectKeyRules {
  /** UTF-8 bytes of the whole key, prefix included. */
  readonly maxBytes: number;
  /** Characters a key must not start with (OSS: "/" and "\"). */
  readonly forbiddenFirstChars: readonly string[];
  /** The store treats keys that differ only in case as one object (then they collide). */
  readonly caseInsensitive?: boolean;
}

/** AWS S3 User Guide, "Naming Amazon S3 objects" (read 2026-11-30): 1024 bytes of UTF-8. */
export const S3_KEY_RULES: ObjectKeyRules = { maxBytes: 1024, forbiddenFirstChars: [] };

/** Alibaba OSS "Object naming conventions" (read 2026-11-30): 1–1023 bytes, not starting
 *  with "/" or "\". */
export const OSS_KEY_RULES: ObjectKeyRules = { maxBytes: 1023, forbiddenFirstChars: ['/', '\\'] };

// Lone surrogates only: with the `u` flag a well-formed pair is one code point and does not match.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001F\u007F]/u;
/** Unicode bidirectional controls (UAX #9: embeddings, overrides, isolates, marks, ALM). They
 *  reorder how a name is displayed: "invoice\u202Efdp.exe" shows as "invoiceexe.pdf". */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
/** Zero-width space, non-joiner, joiner, word joiner and BOM: invisible, so two keys that look
 *  identical in every listing are different objects. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/u;

/**
 * The object key for a file: `prefix` ('' or ending in '/') followed by the file's
 * '/'-separated path below the folder root, normalised to NFC. macOS hands out NFD names and
 * Linux keeps whatever bytes were written; normalising means "é" gets one key whichever machine
 * uploaded it. The checks run on the normalised name, since that is what becomes the key.
 * Throws SyncError 'invalid-name' (no-retry) for a path no store can hold faithfully.
 * @param rules - the store's key rules; default: S3's.
 */
export function toObjectKey(
  prefix: string,
  relativePath: string,
  rules: ObjectKeyRules = S3_KEY_RULES,
): string {
  if (prefix !== '' && !prefix.endsWith('/')) {
    throw new SyncError('internal', 'fatal', `Key prefix ${show(prefix)} does not end in "/".`);
  }
  const name = normalizedName(relativePath);
  const key = (prefix + name).normalize('NFC');
  const first = key.charAt(0);
  if (rules.forbiddenFirstChars.includes(first)) {
    throw invalidName(
      `The object key ${show(key)} starts with ${show(first)}, which this store does not allow.`,
      "Change the folder's prefix so it does not start with that character.",
      show(relativePath),
    );
  }
  const bytes = utf8Length(key);
  if (bytes > rules.maxBytes) {
    throw invalidName(
      `The object key for ${show(relativePath)} is ${bytes} bytes of UTF-8; this store allows at most ${rules.maxBytes}.`,
      "Shorten the file or folder names (or the folder's remote prefix); Ferry skips this file until then.",
      show(relativePath),
    );
  }
  return key;
}

/**
 * What makes two keys one object: the same NFC form and, on a case-insensitive store, the same
 * case-folded form. Two local files with one identity must never both be uploaded (one would
 * overwrite the other) and deleting one must never delete the other's object.
 */
export function keyIdentity(key: string, rules: ObjectKeyRules = S3_KEY_RULES): string {
  const nfc = key.normalize('NFC');
  // Upper then lower folds "ß"/"SS" and "ſ"/"s" alike, which toLowerCase alone does not.
  return rules.caseInsensitive ? nfc.toUpperCase().toLowerCase().normalize('NFC') : nfc;
}

/** The path normalised to NFC, or SyncError 'invalid-name' saying what is wrong with it. */
function normalizedName(relativePath: string): string {
  if (relativePath === '') {
    throw invalidName(
      'The file path is empty.',
      'This is a Ferry bug: please report it.',
      show(relativePath),
    );
  }
  // Before anything else: normalize() and the error messages must not see invalid UTF-16.
  if (LONE_SURROGATE.test(relativePath)) {
    throw invalidName(
      `The name ${show(relativePath)} is not valid Unicode (it holds half of a UTF-16 surrogate pair).`,
      'Rename the file; the name was probably written by a program with an encoding bug.',
      show(relativePath),
    );
  }
  const name = relativePath.normalize('NFC');
  const control = CONTROL_CHARACTER.exec(name);
  if (control) {
    throw invalidName(
      `The name ${show(relativePath)} contains the control character ${codePoint(control[0])}.`,
      'Rename the file without control characters (tabs, line breaks); Ferry skips it until then.',
      show(relativePath),
    );
  }
  if (name.includes('\\')) {
    throw invalidName(
      `The name ${show(relativePath)} contains a backslash ("\\").`,
      'Windows tools and some S3 clients read "\\" as a folder separator, so the object would show under another path. Rename the file without "\\".',
      show(relativePath),
    );
  }
  const bidi = BIDI_CONTROL.exec(name);
  if (bidi) {
    throw invalidName(
      `The name ${show(relativePath)} contains the bidirectional control ${codePoint(bidi[0])}, which changes how the name is displayed.`,
      'Rename the file without it: such names can pass for another name (e.g. a ".exe" shown as ".pdf").',
      show(relativePath),
    );
  }
  const invisible = ZERO_WIDTH.exec(name);
  if (invisible) {
    throw invalidName(
      `The name ${show(relativePath)} contains the invisible character ${codePoint(invisible[0])}.`,
      'Rename the file without zero-width characters: they make keys that look identical but are different objects.',
      show(relativePath),
    );
  }
  for (const segment of name.split('/')) {
    if (segment === '') {
      throw invalidName(
        `The path ${show(relativePath)} has an empty segment (a leading, trailing or doubled "/").`,
        'This is a Ferry bug: paths come from the disk and cannot look like this. Please report it.',
        show(relativePath),
      );
    }
    if (segment === '.' || segment === '..') {
      throw invalidName(
        `The path ${show(relativePath)} has a "${segment}" segment; clients resolve it, so the object would appear under a different name.`,
        `Rename the "${segment}" file or folder.`,
        show(relativePath),
      );
    }
  }
  return name;
}

/** `path` (quoted, escaped) is the param the UI's translated text names the file by. */
function invalidName(message: string, hint: string, path: string): SyncError {
  return new SyncError('invalid-name', 'no-retry', message, { hint, params: { path } });
}

/** Quoted with escapes, so control characters and stray surrogates are visible in messages. */
function show(text: string): string {
  return JSON.stringify(text).replace(
    /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/gu,
    (character) => `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
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
