/**
 * CRC-64 as OSS reports it in `x-oss-hash-crc64ecma` ("Check data integrity by using CRC-64":
 * ECMA-182 polynomial, returned as an unsigned decimal). That is the CRC-64/XZ variant: reflected
 * polynomial 0xC96C5795D7870F42, initial value and final XOR all ones. Check value: the CRC of
 * the ASCII string "123456789" is 11051210869376104954 (0x995DC9BBDF1939FA).
 *
 * The register is kept as two 32-bit halves instead of a BigInt: the server hashes every byte it
 * stores (100 MiB test files included), and BigInt arithmetic per byte is far too slow for that.
 */

const POLY_LO = 0xd7870f42;
const POLY_HI = 0xc96c5795;

const TABLE_LO = new Uint32Array(256);
const TABLE_HI = new Uint32Array(256);
for (let i = 0; i < 256; i++) {
  let lo = i;
  let hi = 0;
  for (let bit = 0; bit < 8; bit++) {
    const carry = lo & 1;
    lo = ((lo >>> 1) | (hi << 31)) >>> 0;
    hi = hi >>> 1;
    if (carry) {
      lo = (lo ^ POLY_LO) >>> 0;
      hi = (hi ^ POLY_HI) >>> 0;
    }
  }
  TABLE_LO[i] = lo;
  TABLE_HI[i] = hi;
}

/** An incremental CRC-64/ECMA-182 (XZ) over a stream of chunks. */
export class Crc64 {
  // The register starts as all ones (the variant's initial value).
  private lo = 0xffffffff;
  private hi = 0xffffffff;

  update(chunk: Uint8Array): this {
    let lo = this.lo;
    let hi = this.hi;
    for (let i = 0; i < chunk.length; i++) {
      const index = (lo ^ (chunk[i] ?? 0)) & 0xff;
      lo = (((lo >>> 8) | (hi << 24)) ^ (TABLE_LO[index] ?? 0)) >>> 0;
      hi = ((hi >>> 8) ^ (TABLE_HI[index] ?? 0)) >>> 0;
    }
    this.lo = lo;
    this.hi = hi;
    return this;
  }

  /** The CRC as OSS prints it: an unsigned 64-bit decimal string. */
  digest(): string {
    const hi = BigInt((~this.hi >>> 0) >>> 0);
    const lo = BigInt((~this.lo >>> 0) >>> 0);
    return ((hi << 32n) | lo).toString(10);
  }
}

/** CRC-64/ECMA-182 of a whole buffer or UTF-8 string, as a decimal string. */
export function crc64(data: Uint8Array | string): string {
  return new Crc64().update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data).digest();
}
