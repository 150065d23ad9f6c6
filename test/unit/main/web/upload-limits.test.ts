import { describe, expect, it } from 'vitest';

import { parseByteSize } from '../../../../main/cli/commands/serve.js';
import { HttpRefusal, UploadBudget } from '../../../../main/web/upload-limits.js';

const LIMITS = { maxUploadBytes: 100, maxStagingBytes: 250, maxConcurrentUploads: 2 };

function refusal(run: () => unknown): HttpRefusal {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpRefusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('UploadBudget', () => {
  it('refuses one file over the per-upload limit with 413', () => {
    const budget = new UploadBudget(LIMITS);
    const tooBig = refusal(() => budget.admit(101, 'big.bin'));
    expect(tooBig.status).toBe(413);
    // Its own code and params: the page words it in its language (issue 13).
    expect(tooBig).toMatchObject({
      code: 'upload-too-large',
      params: { name: 'big.bin', size: 101, limit: 100 },
    });
    expect(() => budget.admit(100, 'ok.bin')).not.toThrow();
  });

  it('holds a slot until the body ends and the bytes until the staged copy is gone', () => {
    const budget = new UploadBudget(LIMITS);
    const first = budget.admit(100, 'a');
    const second = budget.admit(100, 'b');
    expect(refusal(() => budget.admit(1, 'c'))).toMatchObject({
      status: 429,
      code: 'upload-busy',
      params: { name: 'c', active: 2 },
    });
    first.releaseSlot();
    second.releaseSlot();
    // Two slots free, 200 of 250 bytes still staged.
    expect(refusal(() => budget.admit(51, 'd'))).toMatchObject({
      status: 507,
      code: 'staging-full',
      params: { name: 'd', staged: 200, limit: 250 },
    });
    first.releaseBytes();
    first.releaseBytes(); // twice is once
    const third = budget.admit(100, 'e');
    expect(refusal(() => budget.admit(51, 'f')).status).toBe(507);
    third.releaseSlot();
  });
});

describe('parseByteSize (ferry serve --max-*-bytes)', () => {
  it.each([
    ['1000', 1000],
    ['5GiB', 5 * 1024 ** 3],
    ['512M', 512 * 1024 ** 2],
    ['1.5k', 1536],
    ['20 gb', 20 * 1024 ** 3],
  ])('%s → %d', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(['', '0', '-5', 'lots', '5 GiBs', '1e9', 'Infinity'])('refuses %j', (text) => {
    expect(parseByteSize(text)).toBeNull();
  });
});
