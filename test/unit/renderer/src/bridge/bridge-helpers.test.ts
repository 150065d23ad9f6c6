import { describe, expect, it } from 'vitest';

import { BridgeRequestError } from '../../../../../app/ipc/bridge-error.js';
import { reconnectDelay } from '../../../../../renderer/src/bridge/reconnect-delay.js';
import { isBridgeReply, unwrapReply } from '../../../../../renderer/src/bridge/reply.js';

describe('unwrapReply', () => {
  it('returns the result of a successful reply', () => {
    expect(unwrapReply<'transfers:retry'>({ ok: true, result: { retried: 2 } })).toEqual({
      retried: 2,
    });
  });

  it('throws the error of a failed reply with its code and hint', () => {
    expect(() =>
      unwrapReply({ ok: false, error: { code: 'bad-request', message: 'nope', hint: 'reload' } }),
    ).toThrow(expect.objectContaining({ code: 'bad-request', message: 'nope', hint: 'reload' }));
  });

  it('refuses anything that is not a reply', () => {
    for (const value of [
      null,
      'ok',
      { ok: true },
      { ok: false, error: { code: 1 } },
      { ok: 'yes' },
    ]) {
      expect(isBridgeReply(value)).toBe(false);
      expect(() => unwrapReply(value)).toThrow(BridgeRequestError);
    }
  });
});

describe('reconnectDelay', () => {
  it('doubles from half a second up to fifteen seconds', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((attempt) => reconnectDelay(attempt, middle))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000,
    ]);
  });

  it('jitters by a quarter either way', () => {
    expect(reconnectDelay(3, () => 0)).toBe(1_500);
    expect(reconnectDelay(3, () => 1)).toBe(2_500);
  });
});
