import type { WatchEvent } from '../ports/file-watcher.js';

type EventType = WatchEvent['type'];

/** A path segment in the tree of pending paths, so that an unlinkDir finds what lies below it. */
interface PathNode {
  readonly children: Map<string, PathNode>;
  /** The full path when this node has a pending event. */
  pendingPath?: string;
}

/**
 * Folds a burst of watcher events into one event per path, keeping the order in which paths were
 * first seen (so a directory comes before its contents). The result says what to look at, not
 * a replayable history: the engine stats each path anyway.
 *
 * - `add` then `change` → `add` (still new to the engine).
 * - `add` then `unlink` → `unlink`: the add may have replaced a file the engine knows about.
 * - `change` then `unlink` → `unlink`; `unlink` then `add` → `change` (a save by rename).
 * - `unlinkDir` drops the pending events below that directory: they are gone with it.
 * - Otherwise the latest type wins. When a path switches between file and directory the engine
 *   sees only the latest kind and must drop what it knew at that path.
 */
export class EventCoalescer {
  /** Map iteration follows insertion order, and re-setting a key keeps its place. */
  private pending = new Map<string, EventType>();
  private tree: PathNode = { children: new Map() };

  get size(): number {
    return this.pending.size;
  }

  add(event: WatchEvent): void {
    const path = event.relativePath;
    const previous = this.pending.get(path);
    if (event.type === 'unlinkDir') this.dropBelow(path);
    this.pending.set(path, previous === undefined ? event.type : merge(previous, event.type));
    this.node(path).pendingPath = path;
  }

  /** The coalesced events in first-seen order; the coalescer is empty afterwards. */
  drain(): WatchEvent[] {
    const events = [...this.pending].map(([relativePath, type]) => ({ type, relativePath }));
    this.pending = new Map();
    this.tree = { children: new Map() };
    return events;
  }

  private dropBelow(directory: string): void {
    const node = this.node(directory);
    const stack = [...node.children.values()];
    for (let next = stack.pop(); next; next = stack.pop()) {
      if (next.pendingPath !== undefined) this.pending.delete(next.pendingPath);
      stack.push(...next.children.values());
    }
    node.children.clear();
  }

  private node(path: string): PathNode {
    let node = this.tree;
    for (const segment of path.split('/')) {
      let child = node.children.get(segment);
      if (!child) {
        child = { children: new Map() };
        node.children.set(segment, child);
      }
      node = child;
    }
    return node;
  }
}

function merge(previous: EventType, next: EventType): EventType {
  if (previous === 'add' && next === 'change') return 'add';
  if ((previous === 'unlink' || previous === 'change') && (next === 'add' || next === 'change')) {
    return 'change';
  }
  return next;
}
