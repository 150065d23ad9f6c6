import { describe, expect, it } from 'vitest';

import { SyncCallGate } from '../../../../../main/adapters/fs/sync-call-gate.js';

/**
 * A gate on a hand-moved clock: each call "takes" the milliseconds it is given, and the event
 * loop turns only when the test says so (`turn`).
 */
function gate(
  options: { slowMs?: number; slowInARow?: number; asyncForMs?: number; sliceMs?: number } = {},
) {
  let now = 0;
  let waiting: (() => void)[] = [];
  const subject = new SyncCallGate({
    sliceMs: 1_000_000,
    ...options,
    now: () => now,
    afterTurn: (callback) => waiting.push(callback),
  });
  const call = (ms: number) => subject.run(() => (now += ms));
  const turn = () => {
    const due = waiting;
    waiting = [];
    for (const callback of due) callback();
  };
  return { subject, call, turn, advance: (ms: number) => (now += ms) };
}

describe('SyncCallGate', () => {
  it('stays synchronous while calls are fast, and returns what the call returns', () => {
    const { subject } = gate();
    for (let i = 0; i < 100; i++) expect(subject.run(() => i * 2)).toBe(i * 2);
    expect(subject.synchronous).toBe(true);
  });

  it('switches to the thread pool after several slow calls in a row, then tries again', () => {
    const { subject, call, advance } = gate({ slowMs: 5, slowInARow: 3, asyncForMs: 1_000 });
    call(6);
    call(7);
    expect(subject.synchronous).toBe(true); // two slow calls: more likely a descheduled process
    call(5);
    expect(subject.synchronous).toBe(false);
    advance(999);
    expect(subject.synchronous).toBe(false);
    advance(1);
    expect(subject.synchronous).toBe(true);
  });

  it('a fast call between slow ones starts the count again', () => {
    const { subject, call } = gate({ slowMs: 5, slowInARow: 3 });
    for (let i = 0; i < 10; i++) {
      call(9);
      call(9);
      call(1);
    }
    expect(subject.synchronous).toBe(true);
  });

  it('holds the event loop at most sliceMs: then the thread pool until the loop has turned', () => {
    const { subject, call, turn } = gate({ sliceMs: 8 });
    for (let i = 0; i < 7; i++) {
      expect(subject.synchronous).toBe(true);
      call(1); // fast calls, each 1 ms: never slow
    }
    expect(subject.synchronous).toBe(true); // 7 ms held
    call(1);
    expect(subject.synchronous).toBe(false); // 8 ms held: the loop must turn first
    expect(subject.synchronous).toBe(false);
    turn();
    expect(subject.synchronous).toBe(true); // a new slice
    call(1);
    expect(subject.synchronous).toBe(true);
  });

  it('a call that throws is timed too, and its error passes through', () => {
    let now = 0;
    const subject = new SyncCallGate({
      slowMs: 5,
      slowInARow: 2,
      now: () => now,
      afterTurn: () => {},
    });
    const failing = () =>
      subject.run(() => {
        now += 10;
        throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      });
    expect(failing).toThrow('ENOENT');
    expect(failing).toThrow('ENOENT');
    expect(subject.synchronous).toBe(false);
  });
});
