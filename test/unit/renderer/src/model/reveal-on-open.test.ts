import { describe, expect, it, vi } from 'vitest';

import { revealOnOpen } from '../../../../../renderer/src/model/reveal-on-open.js';

describe('revealOnOpen', () => {
  it('scrolls the opened row just into view on the next frame', () => {
    const scrollIntoView = vi.fn();
    const frames: (() => void)[] = [];
    revealOnOpen({ scrollIntoView }, (callback) => frames.push(callback));
    expect(scrollIntoView).not.toHaveBeenCalled();
    frames.forEach((frame) => frame());
    expect(scrollIntoView).toHaveBeenCalledWith({ block: 'nearest' });
  });

  it('does nothing without an element', () => {
    expect(() => revealOnOpen(null, () => expect.unreachable())).not.toThrow();
  });
});
