import type { FolderMode } from '../credentials/session-policy.js';
import type { ObjectKeyRules } from './object-key.js';

/** One synced folder, as the engine sees it (resolved from the config). */
export interface FolderSpec {
  readonly id: string;
  /** Absolute path of the local folder. */
  readonly root: string;
  readonly profileId: string;
  readonly bucket: string;
  /** '' or ends with '/'. */
  readonly prefix: string;
  readonly mode: FolderMode;
  /** Extra gitignore patterns. */
  readonly ignore: readonly string[];
  /** The policy allows listing the prefix: the planner can see what is remote. */
  readonly remoteListing: boolean;
  /** Mirror mode: how long a file must stay gone before its object is deleted. */
  readonly deleteDelayMs: number;
  /** The store's key rules (length, first character, case); default: S3's. */
  readonly keyRules?: ObjectKeyRules;
}

/** A regular file found on disk, relative to its folder root ("/"-separated, as on disk). */
export interface LocalFile {
  readonly relativePath: string;
  readonly size: number;
  readonly mtimeMs: number;
}
