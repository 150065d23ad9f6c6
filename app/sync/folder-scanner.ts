import type { FileSystem } from '../ports/file-system.js';
import type { FolderSpec, LocalFile } from './folder-spec.js';
import type { IgnoreRules } from './ignore-rules.js';
import { excludedByDefault, skippedEntry, type PathProblem } from './path-problem.js';
import { ScannedFiles } from './scanned-files.js';

export interface ScanResult {
  /** Regular files by relative path (scanned-files.ts: compact); null when the root is missing
   *  or not a directory. */
  readonly files: ReadonlyMap<string, LocalFile> | ScannedFiles | null;
  /** Paths that could not be read (reported, not fatal). */
  readonly errors: { readonly relativePath: string; readonly error: unknown }[];
  /** Seen and deliberately not synced: special files, links, default ignore rules. */
  readonly skipped: PathProblem[];
}

/**
 * Walks a folder once: one stat per file, ignore rules applied on the way down (an ignored
 * directory is never entered), symlinks not followed, unreadable entries reported and skipped.
 */
export async function scanFolder(
  fs: FileSystem,
  folder: FolderSpec,
  rules: IgnoreRules,
): Promise<ScanResult> {
  const root = await fs.stat(folder.root);
  if (!root || root.kind !== 'directory') return { files: null, errors: [], skipped: [] };
  const files = new ScannedFiles();
  const errors: { relativePath: string; error: unknown }[] = [];
  const skipped: PathProblem[] = [];
  const walk = fs.walk(folder.root, {
    followSymlinks: false,
    isIgnored: (relativePath, isDirectory) => {
      if (!rules.isIgnored(relativePath, isDirectory)) return false;
      // Only ignored paths pay for this lookup; a user's own patterns need no report.
      const rule = rules.defaultRuleFor(relativePath, isDirectory);
      if (rule !== null) skipped.push(excludedByDefault(folder.id, relativePath, rule));
      return true;
    },
    onError: (relativePath, error) => errors.push({ relativePath, error }),
    onSkip: (relativePath, kind) => skipped.push(skippedEntry(folder.id, relativePath, kind)),
    enterDirectory: (relativeDirectory, names) =>
      rules.enterDirectory(relativeDirectory, names, (relativePath) =>
        fs.readText(fs.join(folder.root, relativePath)),
      ),
  });
  for await (const entry of walk) {
    files.add(entry.relativePath, entry.stat.size, entry.stat.mtimeMs);
  }
  return { files, errors, skipped };
}
