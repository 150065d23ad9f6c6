import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  crc64,
  crc64Combine,
  crc64Engine,
  crc64OfParts,
  isCrc64,
} from '../../../../app/transfer/crc64.js';

/**
 * Alibaba's own CRC-64 (`@alicloud/oss-util` dist/crc.js, the one its OSS gateway checks
 * `x-oss-hash-crc64ecma` with): an implementation written independently of ours.
 */
const AlibabaCrc64 = (
  createRequire(import.meta.url)('@alicloud/oss-util/dist/crc.js') as {
    default: new () => { update(bytes: Uint8Array): void; sum(): string };
  }
).default;
function alibabaCrc64(bytes: Uint8Array): string {
  const crc = new AlibabaCrc64();
  crc.update(bytes);
  return crc.sum();
}

const ascii = (text: string) => new TextEncoder().encode(text);

describe('crc64 (OSS x-oss-hash-crc64ecma)', () => {
  it.each([
    // CRC RevEng catalogue, CRC-64/XZ: check = 0x995DC9BBDF1939FA
    ['123456789', '11051210869376104954'],
    ['', '0'],
    // Aliyun OSS .NET SDK test (OssCrcTest.TestCrcCore)
    ['This is a test.', '2186167744391481992'],
  ])('of %j is %s', (text, expected) => {
    expect(crc64(ascii(text))).toBe(expected);
  });

  it('is CRC-64/XZ, not the unreflected zero-init CRC-64/ECMA-182 of the same polynomial', () => {
    // CRC RevEng: CRC-64/ECMA-182 check = 0x6C40DF5F0B497347.
    expect(crc64(ascii('123456789'))).not.toBe(BigInt('0x6C40DF5F0B497347').toString());
  });

  it.each([0, 1, 7, 8, 9, 15, 16, 17, 1000, 65_537, 1_048_583])(
    'agrees with Alibaba’s own implementation on %i random bytes',
    (size) => {
      const bytes = randomBytes(size);
      expect(crc64(bytes)).toBe(alibabaCrc64(bytes));
    },
  );

  it('reads exactly the view it is given (offset into a larger buffer)', () => {
    const backing = randomBytes(1000);
    const view = backing.subarray(3, 503);
    expect(crc64(view)).toBe(alibabaCrc64(Buffer.from(view)));
  });

  it('continues from a previous CRC like zlib’s crc32(crc, buf)', () => {
    const bytes = randomBytes(10_001);
    expect(crc64(bytes.subarray(4321), crc64(bytes.subarray(0, 4321)))).toBe(crc64(bytes));
  });

  it('the engine runs from its own source text (as the digest workers run it)', () => {
    const rebuilt = runInNewContext(`(${String(crc64Engine)})()`) as ReturnType<typeof crc64Engine>;
    const bytes = randomBytes(4099);
    expect(rebuilt.update('0', bytes)).toBe(crc64(bytes));
  });
});

describe('crc64Combine / crc64OfParts', () => {
  it('CRC(A‖B) from CRC(A), CRC(B) and |B| on random splits', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.nat(), (bytes, cut) => {
        const at = bytes.length === 0 ? 0 : cut % (bytes.length + 1);
        const a = bytes.subarray(0, at);
        const b = bytes.subarray(at);
        expect(crc64Combine(crc64(a), crc64(b), b.length)).toBe(crc64(bytes));
      }),
    );
  });

  it('the whole file’s CRC from its parts’ CRCs, for any split into parts', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 4096 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (bytes, cuts) => {
          const points = [...new Set(cuts.map((c) => c % bytes.length))].sort((x, y) => x - y);
          const bounds = [0, ...points.filter((p) => p > 0), bytes.length];
          const parts = bounds.slice(1).map((end, i) => {
            const part = bytes.subarray(bounds[i], end);
            return { crc64: crc64(part), size: part.length };
          });
          expect(crc64OfParts(parts)).toBe(crc64(bytes));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('equal-size parts as an uploader sends them (equal parts and a short last one)', () => {
    const partSize = 256 * 1024;
    const bytes = randomBytes(3 * partSize + 12_345);
    const parts = [];
    for (let offset = 0; offset < bytes.length; offset += partSize) {
      const part = bytes.subarray(offset, offset + partSize);
      parts.push({ crc64: crc64(part), size: part.length });
    }
    expect(crc64OfParts(parts)).toBe(alibabaCrc64(bytes));
  });

  it('a swapped pair of parts gives another CRC (order matters)', () => {
    const a = randomBytes(300);
    const b = randomBytes(300);
    const ab = crc64OfParts([
      { crc64: crc64(a), size: 300 },
      { crc64: crc64(b), size: 300 },
    ]);
    const ba = crc64OfParts([
      { crc64: crc64(b), size: 300 },
      { crc64: crc64(a), size: 300 },
    ]);
    expect(ab).not.toBe(ba);
  });
});

describe('isCrc64', () => {
  it.each([
    ['0', true],
    ['18446744073709551615', true],
    ['18446744073709551616', false],
    ['-1', false],
    ['12a', false],
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(isCrc64(value)).toBe(expected);
  });
});
