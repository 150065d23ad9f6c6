import type { LocalFile } from './folder-spec.js';

/** Room for this many files before the first growth (a small folder allocates little). */
const INITIAL_CAPACITY = 256;

/**
 * What a scan found, compactly: the paths in one array, sizes and mtimes in two typed arrays, and
 * one map from path to position. A Map of LocalFile objects cost ~150 bytes per file on top of
 * the path (an object, a boxed mtime, a map entry): at 100,000 files that was the largest thing
 * a scan kept (issue 15: 150 MB for 100,000 watched files). LocalFile objects are made only when
 * asked for one (an upload to plan, a test), never kept.
 *
 * Read like a ReadonlyMap<string, LocalFile> (tests and small callers), by position in the
 * planner. Order is the order of adding (the walk's), as a Map's would be.
 */
export class ScannedFiles implements ReadonlyMap<string, LocalFile> {
  private readonly paths: string[] = [];
  private readonly positions = new Map<string, number>();
  private sizes = new Float64Array(INITIAL_CAPACITY);
  private mtimes = new Float64Array(INITIAL_CAPACITY);

  /** The files of a map some caller built (tests), as they are when already compact; none for
   *  a folder whose root is missing. */
  static from(files: ReadonlyMap<string, LocalFile> | null): ScannedFiles {
    if (files instanceof ScannedFiles) return files;
    const scanned = new ScannedFiles();
    for (const file of files?.values() ?? []) {
      scanned.add(file.relativePath, file.size, file.mtimeMs);
    }
    return scanned;
  }

  /** Adds a file, or updates the one already at this path (it keeps its position). */
  add(relativePath: string, size: number, mtimeMs: number): void {
    let position = this.positions.get(relativePath);
    if (position === undefined) {
      position = this.paths.length;
      if (position === this.sizes.length) this.grow();
      this.paths.push(relativePath);
      this.positions.set(relativePath, position);
    }
    this.sizes[position] = size;
    this.mtimes[position] = mtimeMs;
  }

  get size(): number {
    return this.paths.length;
  }

  /** The file's position (0 … size − 1), or -1 when the scan did not find it. */
  positionOf(relativePath: string): number {
    return this.positions.get(relativePath) ?? -1;
  }

  pathAt(position: number): string {
    return this.paths[position] ?? '';
  }

  sizeAt(position: number): number {
    return this.sizes[position] ?? 0;
  }

  mtimeAt(position: number): number {
    return this.mtimes[position] ?? 0;
  }

  fileAt(position: number): LocalFile {
    return {
      relativePath: this.pathAt(position),
      size: this.sizeAt(position),
      mtimeMs: this.mtimeAt(position),
    };
  }

  get(relativePath: string): LocalFile | undefined {
    const position = this.positions.get(relativePath);
    return position === undefined ? undefined : this.fileAt(position);
  }

  has(relativePath: string): boolean {
    return this.positions.has(relativePath);
  }

  keys(): MapIterator<string> {
    return this.paths.values();
  }

  *values(): MapIterator<LocalFile> {
    for (let position = 0; position < this.paths.length; position++) {
      yield this.fileAt(position);
    }
  }

  *entries(): MapIterator<[string, LocalFile]> {
    for (let position = 0; position < this.paths.length; position++) {
      yield [this.pathAt(position), this.fileAt(position)];
    }
  }

  [Symbol.iterator](): MapIterator<[string, LocalFile]> {
    return this.entries();
  }

  forEach(visit: (file: LocalFile, relativePath: string, map: this) => void): void {
    for (let position = 0; position < this.paths.length; position++) {
      visit(this.fileAt(position), this.pathAt(position), this);
    }
  }

  /** Doubles the typed arrays (amortised: a 100,000-file scan grows ten times). */
  private grow(): void {
    const sizes = new Float64Array(this.sizes.length * 2);
    const mtimes = new Float64Array(this.mtimes.length * 2);
    sizes.set(this.sizes);
    mtimes.set(this.mtimes);
    this.sizes = sizes;
    this.mtimes = mtimes;
  }
}
