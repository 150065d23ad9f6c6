/**
 * The directories below a watched root known to exist and not to be ignored ('/'-separated):
 * @parcel/watcher reports a deletion without saying whether a file or a directory went, and
 * only this tells an `unlinkDir` (the engine rescans) from an `unlink` (it checks one path).
 */
export class KnownDirectories {
  private readonly paths = new Set<string>();

  has(relativePath: string): boolean {
    return this.paths.has(relativePath);
  }

  add(relativePath: string): void {
    this.paths.add(relativePath);
  }

  /** A path inside a directory proves the directory exists (one created before the crawl). */
  addAncestorsOf(relativePath: string): void {
    for (let slash = relativePath.lastIndexOf('/'); slash > 0;) {
      const directory = relativePath.slice(0, slash);
      if (this.paths.has(directory)) return;
      this.paths.add(directory);
      slash = directory.lastIndexOf('/');
    }
  }

  /** Forgets a deleted directory and everything below it. */
  removeBelow(relativePath: string): void {
    const below = `${relativePath}/`;
    for (const directory of this.paths) {
      if (directory === relativePath || directory.startsWith(below)) this.paths.delete(directory);
    }
  }
}
