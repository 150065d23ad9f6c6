import type { CredentialSourceKind } from '../../../app/ipc/views.js';

/**
 * The config document as the setup and settings forms edit it. Every field is a string or a
 * flag as the inputs hold it; converting back keeps every key the forms do not show (YAML
 * comments aside) and leaves validation to the engine, which names the offending field.
 */
export type PlainObject = Record<string, unknown>;

export interface ProfileDraft {
  readonly id: string;
  readonly provider: 's3' | 'oss';
  readonly endpoint: string;
  readonly region: string;
  readonly forcePathStyle: boolean;
  readonly source: CredentialSourceKind;
  readonly roleArn: string;
  readonly accessKeyId: string;
  readonly url: string;
  /** The profile as read, so keys the form does not edit survive a save. */
  readonly original: PlainObject;
}

export interface FolderDraft {
  readonly id: string;
  readonly path: string;
  readonly profile: string;
  readonly bucket: string;
  readonly prefix: string;
  readonly mode: 'upload' | 'mirror';
  /** Extra gitignore-style patterns, one per line as the text area holds them. */
  readonly ignore: string;
  /** Mirror mode only: seconds a file must stay gone before its object is deleted. */
  readonly deleteDelaySeconds: string;
  readonly remoteListing: boolean;
  readonly original: PlainObject;
}

export interface TransfersDraft {
  readonly concurrency: string;
  readonly partConcurrency: string;
  readonly partSize: string;
  readonly bandwidthLimit: string;
  readonly original: PlainObject;
}

export interface ConfigDraft {
  readonly profiles: readonly ProfileDraft[];
  readonly folders: readonly FolderDraft[];
  readonly transfers: TransfersDraft;
  readonly original: PlainObject;
}

export function asObject(value: unknown): PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as PlainObject)
    : {};
}

const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function emptyProfileDraft(id = 'default'): ProfileDraft {
  return profileDraftOf({ id });
}

export function emptyFolderDraft(profileId: string, id = 'documents'): FolderDraft {
  return folderDraftOf({ id, profile: profileId });
}

export function draftFromDocument(document: unknown): ConfigDraft {
  const original = asObject(document);
  return {
    profiles: list(original.profiles).map(profileDraftOf),
    folders: list(original.folders).map(folderDraftOf),
    transfers: transfersDraftOf(original.transfers),
    original,
  };
}

export function documentFromDraft(draft: ConfigDraft): PlainObject {
  const document: PlainObject = {
    ...draft.original,
    profiles: draft.profiles.map(profileDocumentOf),
    folders: draft.folders.map(folderDocumentOf),
  };
  const transfers = transfersDocumentOf(draft.transfers);
  if (Object.keys(transfers).length > 0) document.transfers = transfers;
  else delete document.transfers;
  return document;
}

function profileDraftOf(value: unknown): ProfileDraft {
  const original = asObject(value);
  const credentials = asObject(original.credentials);
  const source = credentials.source;
  // The settings form edits the API family; the preset name (ctyun, aws, aliyun-oss…) is kept.
  const provider = original.provider === 'oss' || original.provider === 'aliyun-oss' ? 'oss' : 's3';
  return {
    id: text(original.id),
    provider,
    endpoint: text(original.endpoint),
    region: text(original.region),
    forcePathStyle: original.forcePathStyle === true,
    source:
      source === 'aliyun-sts' || source === 'vendor' || source === 'assume-role'
        ? source
        : provider === 'oss'
          ? 'aliyun-sts'
          : 'assume-role',
    roleArn: text(credentials.roleArn),
    accessKeyId: text(credentials.accessKeyId),
    url: text(credentials.url),
    original,
  };
}

function profileDocumentOf(draft: ProfileDraft): PlainObject {
  const { original } = draft;
  const sameFamily = profileDraftOf(original).provider === draft.provider;
  const provider =
    sameFamily && typeof original.provider === 'string' ? original.provider : draft.provider;
  const document: PlainObject = { ...original, id: draft.id.trim(), provider };
  setOrDelete(document, 'endpoint', draft.endpoint.trim());
  setOrDelete(document, 'region', draft.region.trim());
  if (draft.forcePathStyle || 'forcePathStyle' in original) {
    document.forcePathStyle = draft.forcePathStyle;
  }
  const before = asObject(original.credentials);
  // Options of the same source (duration, policy…) stay; another source starts afresh.
  const kept = before.source === draft.source ? before : {};
  document.credentials =
    draft.source === 'vendor'
      ? { ...kept, source: draft.source, url: draft.url.trim() }
      : {
          ...kept,
          source: draft.source,
          roleArn: draft.roleArn.trim(),
          accessKeyId: draft.accessKeyId.trim(),
        };
  return document;
}

function folderDraftOf(value: unknown): FolderDraft {
  const original = asObject(value);
  return {
    id: text(original.id),
    path: text(original.path),
    profile: text(original.profile),
    bucket: text(original.bucket),
    prefix: text(original.prefix),
    mode: original.mode === 'mirror' ? 'mirror' : 'upload',
    ignore: list(original.ignore).map(text).join('\n'),
    deleteDelaySeconds: text(original.deleteDelaySeconds),
    remoteListing: original.remoteListing === true,
    original,
  };
}

function folderDocumentOf(draft: FolderDraft): PlainObject {
  const document: PlainObject = {
    ...draft.original,
    id: draft.id.trim(),
    path: draft.path.trim(),
    profile: draft.profile.trim(),
    bucket: draft.bucket.trim(),
  };
  // Kept even when empty: the config asks for an explicit prefix: "" to sync the whole bucket.
  document.prefix = draft.prefix.trim();
  document.mode = draft.mode;
  const ignore = patternLines(draft.ignore);
  if (ignore.length > 0 || Array.isArray(draft.original.ignore)) document.ignore = ignore;
  setOrDelete(document, 'deleteDelaySeconds', numberOrText(draft.deleteDelaySeconds));
  // Written when on, or when the file already said it (an explicit false stays explicit).
  if (draft.remoteListing || 'remoteListing' in draft.original) {
    document.remoteListing = draft.remoteListing;
  }
  return document;
}

/** The text area's lines as patterns: blank lines dropped, but spaces inside a pattern kept
 *  (gitignore patterns may end in an escaped space; only the line break is ours). */
export function patternLines(input: string): string[] {
  return input
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s+/, '').replace(/(?<!\\)\s+$/, ''))
    .filter((line) => line !== '');
}

function transfersDraftOf(value: unknown): TransfersDraft {
  const original = asObject(value);
  return {
    concurrency: text(original.concurrency),
    partConcurrency: text(original.partConcurrency),
    partSize: text(original.partSize),
    bandwidthLimit: text(original.bandwidthLimit),
    original,
  };
}

function transfersDocumentOf(draft: TransfersDraft): PlainObject {
  const document: PlainObject = { ...draft.original };
  setOrDelete(document, 'concurrency', numberOrText(draft.concurrency));
  setOrDelete(document, 'partConcurrency', numberOrText(draft.partConcurrency));
  setOrDelete(document, 'partSize', numberOrText(draft.partSize));
  setOrDelete(document, 'bandwidthLimit', numberOrText(draft.bandwidthLimit));
  return document;
}

/** "8" → 8 (a count or a number of bytes); "8MiB" stays text for the engine to parse. */
export function numberOrText(input: string): number | string {
  const trimmed = input.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function setOrDelete(document: PlainObject, key: string, value: string | number): void {
  if (value === '') delete document[key];
  else document[key] = value;
}
