import { describe, expect, it } from 'vitest';

import type { WatchEvent } from '../../../../app/ports/file-watcher.js';
import { EventCoalescer } from '../../../../app/sync/event-coalescer.js';

type Type = WatchEvent['type'];

/** "add a" → { type: 'add', relativePath: 'a' } */
function events(...lines: string[]): WatchEvent[] {
  return lines.map((line) => {
    const [type, relativePath] = line.split(' ') as [Type, string];
    return { type, relativePath };
  });
}

function coalesce(...lines: string[]): string[] {
  const coalescer = new EventCoalescer();
  for (const event of events(...lines)) coalescer.add(event);
  return coalescer.drain().map((event) => `${event.type} ${event.relativePath}`);
}

describe('EventCoalescer: two events on one path', () => {
  it.each([
    ['add', 'change', 'add'], // still new to the engine
    ['add', 'unlink', 'unlink'], // the add may have replaced a file the engine knows
    ['change', 'unlink', 'unlink'],
    ['unlink', 'add', 'change'], // a save by rename
    ['change', 'change', 'change'],
    ['add', 'add', 'add'],
    ['unlink', 'unlink', 'unlink'],
    ['change', 'add', 'change'], // it existed before the add
    ['unlink', 'change', 'change'],
    ['addDir', 'unlinkDir', 'unlinkDir'],
    ['unlinkDir', 'addDir', 'addDir'],
    ['unlink', 'addDir', 'addDir'], // a file replaced by a directory: the latest kind wins
    ['unlinkDir', 'add', 'add'],
  ])('%s then %s → %s', (first, second, result) => {
    expect(coalesce(`${first} a/x`, `${second} a/x`)).toEqual([`${result} a/x`]);
  });

  it('folds a longer history: add, change, change, unlink, add → change', () => {
    expect(coalesce('add x', 'change x', 'change x', 'unlink x', 'add x')).toEqual(['change x']);
  });
});

describe('EventCoalescer: order and directories', () => {
  it('keeps the order in which paths were first seen', () => {
    expect(coalesce('add b', 'add a', 'change c', 'change b', 'unlink a')).toEqual([
      'add b',
      'unlink a',
      'change c',
    ]);
  });

  it('drops pending events below a directory that is unlinked', () => {
    expect(
      coalesce('add d/x', 'change other', 'addDir d/sub', 'change d/sub/y', 'unlinkDir d'),
    ).toEqual(['change other', 'unlinkDir d']);
  });

  it('does not touch siblings that merely share a name prefix', () => {
    expect(coalesce('add docs2/x', 'add doc', 'unlinkDir docs')).toEqual([
      'add docs2/x',
      'add doc',
      'unlinkDir docs',
    ]);
  });

  it('keeps events below the directory that come after the unlinkDir (it was re-created)', () => {
    expect(coalesce('change d/x', 'unlinkDir d', 'addDir d', 'add d/x')).toEqual([
      'addDir d',
      'add d/x', // a fresh add, not merged with the change that went with the old directory
    ]);
  });

  it('lets an unlinkDir of a nested directory drop only its own subtree', () => {
    expect(
      coalesce('add a/b/c/f', 'add a/b/g', 'add a/h', 'unlinkDir a/b/c', 'unlinkDir a/b'),
    ).toEqual(['add a/h', 'unlinkDir a/b']);
  });

  it('drains to empty and starts over', () => {
    const coalescer = new EventCoalescer();
    for (const event of events('add a', 'add b', 'change a')) coalescer.add(event);
    expect(coalescer.size).toBe(2);
    expect(coalescer.drain()).toHaveLength(2);
    expect(coalescer.size).toBe(0);
    expect(coalescer.drain()).toEqual([]);
    coalescer.add({ type: 'unlink', relativePath: 'a' });
    coalescer.add({ type: 'unlinkDir', relativePath: 'b' });
    // An unlinkDir after a drain still finds nothing stale from before it.
    expect(coalescer.drain()).toEqual(events('unlink a', 'unlinkDir b'));
  });

  it('folds a mass delete down to its directories', () => {
    const coalescer = new EventCoalescer();
    for (let d = 0; d < 2000; d++) {
      for (let f = 0; f < 50; f++) coalescer.add({ type: 'unlink', relativePath: `d${d}/f${f}` });
      coalescer.add({ type: 'unlinkDir', relativePath: `d${d}` });
    }
    expect(coalescer.size).toBe(2000);
    expect(coalescer.drain().every((event) => event.type === 'unlinkDir')).toBe(true);
  });
});
