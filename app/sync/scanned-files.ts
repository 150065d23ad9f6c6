import type { LocalFile } from './folder-spec.js';
import { compareWalkOrder, searchWalkOrder } from './walk-order.js';

/** Room for this many files before the first growth (a small folder allocates little). */
const INITIAL_CAPACITY = 256;

/**
 * What a scan found, compactly: the paths in one array, sizes and mtimes in two typed arrays. A
 * Map of LocalFile objects cost ~150 bytes per file on top of the path (an object, a boxed mtime,
 * a map entry): at 100,000 files that was the largest thing a scan kept (issue 15: 150 MB for
 * 100,000 watched files). LocalFile objects are made only when asked for one (an upload to plan,
 * a test), never kept.
 *
 * Paths are found by binary search while they were added in walk order (walk-order.ts), which is
 * how a scan adds them: no map from path to position. Added in any other order (a caller's own
 * map, a test), a map is built on the first lookup instead.
 *
 * Read like a ReadonlyMap<string, LocalFile> (tests and small callers), by position in the
 * planner. Order is the order of adding (the walk's), as a Map's would be.
 */
export class ScannedFiles implements ReadonlyMap<string, LocalFile> {
  private readonly paths: string[] = [];
  /** Every path so far came after the one before it in walk order: binary search finds them. */
  private inWalkOrder = true;
  /** Path → position, only once paths came out of walk order (built on the first lookup). */
  private positions: Map<string, number> | undefined;
  /** Where the last look-up in walk order found its path (see positionOf). */
  private lastFound = -1;
  /** Binary searches run so far (a look-up answered by the next position is not one): tests
   *  check that a pass in walk order runs none. */
  private searchCount = 0;
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
    const last = this.paths[this.paths.length - 1];
    const afterLast = last === undefined || compareWalkOrder(last, relativePath) < 0;
    let position = this.inWalkOrder && afterLast ? -1 : this.positionOf(relativePath);
    if (position < 0) {
      position = this.paths.length;
      if (position === this.sizes.length) this.grow();
      if (!afterLast) this.inWalkOrder = false;
      this.paths.push(relativePath);
      this.positions?.set(relativePath, position);
    }
    this.sizes[position] = size;
    this.mtimes[position] = mtimeMs;
  }

  get size(): number {
    return this.paths.length;
  }

  /** The file's position (0 … size − 1), or -1 when the scan did not find it. */
  positionOf(relativePath: string): number {
    if (this.inWalkOrder) {
      // The planner looks files up in the journal's order (its primary key: byte order of the
      // path), which is the walk's order for most names; so the position after the last one
      // found is tried before a binary search (issue 15: ~0.8 µs a file at 100,000 files).
      const next = this.lastFound + 1;
      if (this.paths[next] === relativePath) return (this.lastFound = next);
      this.searchCount += 1;
      const found = searchWalkOrder(this.paths, relativePath);
      if (found >= 0) this.lastFound = found;
      return found;
    }
    this.positions ??= new Map(this.paths.map((path, position) => [path, position]));
    return this.positions.get(relativePath) ?? -1;
  }

  /** Binary searches positionOf has run (for tests). */
  get searches(): number {
    return this.searchCount;
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
    const position = this.positionOf(relativePath);
    return position < 0 ? undefined : this.fileAt(position);
  }

  has(relativePath: string): boolean {
    return this.positionOf(relativePath) >= 0;
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
