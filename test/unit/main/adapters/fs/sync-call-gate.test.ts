import { describe, expect, it } from 'vitest';

import { SyncCallGate } from '../../../../../main/adapters/fs/sync-call-gate.js';

/** A gate on a hand-moved clock: each call "takes" the milliseconds it is given. */
function gate(options: { slowMs?: number; slowInARow?: number; asyncForMs?: number } = {}) {
  let now = 0;
  const subject = new SyncCallGate({ ...options, now: () => now });
  const call = (ms: number) => subject.run(() => (now += ms));
  return { subject, call, advance: (ms: number) => (now += ms) };
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

  it('a call that throws is timed too, and its error passes through', () => {
    let now = 0;
    const subject = new SyncCallGate({ slowMs: 5, slowInARow: 2, now: () => now });
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
