import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { QueueLane } from '../../../../app/transfer/queue-lane.js';

interface Item {
  readonly id: number;
  readonly folder: string;
}

type Op =
  | { readonly kind: 'push'; readonly folder: string }
  | { readonly kind: 'take'; readonly skip: string | null }
  | { readonly kind: 'remove'; readonly pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('push' as const), folder: fc.constantFrom('a', 'b') }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('take' as const),
      skip: fc.constantFrom(null, 'a', 'b'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
);

describe('QueueLane', () => {
  it('behaves as a plain array with splice: same items taken, same order left (property)', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 400 }),
        fc.integer({ min: 0, max: 2500 }),
        (ops, prefill) => {
          const lane = new QueueLane<Item>();
          const model: Item[] = [];
          let next = 0;
          const push = (folder: string) => {
            const item = { id: next++, folder };
            lane.push(item);
            model.push(item);
          };
          // A long prefill, then taking most of it, crosses the compaction threshold.
          for (let i = 0; i < prefill; i++) push(i % 3 === 0 ? 'b' : 'a');
          for (let i = 0; i < Math.floor(prefill * 0.9); i++) {
            const index = model.findIndex(() => true);
            expect(lane.takeFirst(() => true)).toBe(
              index >= 0 ? model.splice(index, 1)[0] : undefined,
            );
          }
          for (const step of ops) {
            if (step.kind === 'push') push(step.folder);
            else if (step.kind === 'take') {
              const accept = (item: Item) => item.folder !== step.skip;
              const index = model.findIndex(accept);
              const expected = index >= 0 ? model.splice(index, 1)[0] : undefined;
              expect(lane.takeFirst(accept)).toBe(expected);
            } else if (model.length > 0) {
              const [victim] = model.splice(step.pick % model.length, 1);
              expect(lane.remove(victim!)).toBe(true);
              expect(lane.remove(victim!)).toBe(false);
            }
            expect(lane.length).toBe(model.length);
          }
          expect([...lane]).toEqual(model);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps queue order across compaction after thousands of takes from the head', () => {
    const lane = new QueueLane<Item>();
    for (let id = 0; id < 5000; id++) lane.push({ id, folder: 'a' });
    for (let id = 0; id < 4000; id++) expect(lane.takeFirst(() => true)?.id).toBe(id);
    lane.push({ id: 5000, folder: 'a' });
    expect([...lane].map((item) => item.id)).toEqual(
      Array.from({ length: 1001 }, (_, i) => 4000 + i),
    );
    expect(lane.length).toBe(1001);
  });

  it('skips items it is told not to take and leaves them in place', () => {
    const lane = new QueueLane<Item>();
    const paused = { id: 1, folder: 'paused' };
    const ready = { id: 2, folder: 'ready' };
    lane.push(paused);
    lane.push(ready);
    expect(lane.takeFirst((item) => item.folder !== 'paused')).toBe(ready);
    expect(lane.takeFirst((item) => item.folder !== 'paused')).toBeUndefined();
    expect([...lane]).toEqual([paused]);
  });
});
