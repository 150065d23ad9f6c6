/**
 * Walks dropped file-system entries (the browser's `webkitGetAsEntry()` tree) into a flat list
 * of files with their paths relative to the drop. Typed structurally so the unit tests can
 * feed a fake tree; the DOM's FileSystemEntry fits these shapes.
 */
export interface EntryLike {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly name: string;
  /** "/photos/2024/a.jpg" for a file inside a dropped folder "photos". */
  readonly fullPath: string;
}

export interface FileEntryLike<F> extends EntryLike {
  file(success: (file: F) => void, failure?: (error: unknown) => void): void;
}

export interface DirectoryEntryLike extends EntryLike {
  createReader(): {
    readEntries(success: (entries: EntryLike[]) => void, failure?: (error: unknown) => void): void;
  };
}

export interface WalkedFile<F> {
  readonly relativePath: string;
  readonly file: F;
}

export interface WalkResult<F> {
  readonly files: WalkedFile<F>[];
  readonly failures: { readonly path: string; readonly message: string }[];
}

export async function walkEntries<F>(roots: readonly EntryLike[]): Promise<WalkResult<F>> {
  const result: WalkResult<F> = { files: [], failures: [] };
  const pending: EntryLike[] = [...roots];
  while (pending.length > 0) {
    const entry = pending.shift() as EntryLike;
    const path = relativePathOf(entry);
    try {
      if (entry.isFile) {
        const file = await readFile(entry as FileEntryLike<F>);
        result.files.push({ relativePath: path, file });
      } else if (entry.isDirectory) {
        pending.push(...(await readDirectory(entry as DirectoryEntryLike)));
      }
    } catch (error) {
      result.failures.push({ path, message: describe(error) });
    }
  }
  return result;
}

export function relativePathOf(entry: EntryLike): string {
  const path = entry.fullPath.replace(/^\/+/, '');
  return path === '' ? entry.name : path;
}

function readFile<F>(entry: FileEntryLike<F>): Promise<F> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** readEntries returns a directory in batches (Chromium: 100); an empty batch ends it. */
async function readDirectory(entry: DirectoryEntryLike): Promise<EntryLike[]> {
  const reader = entry.createReader();
  const children: EntryLike[] = [];
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return children;
    children.push(...batch);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'name' in error) {
    return String(error.name);
  }
  return 'The browser could not read this item.';
}
