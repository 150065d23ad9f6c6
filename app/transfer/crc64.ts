/**
 * CRC-64 as Alibaba OSS reports it in `x-oss-hash-crc64ecma` (on PutObject, UploadPart,
 * CompleteMultipartUpload and HeadObject): the ECMA-182 polynomial 0x42F0E1EBA9EA3693 in the
 * "CRC-64/XZ" parameters — reflected (table polynomial 0xC96C5795D7870F42), initial value and
 * final XOR all ones — printed as an unsigned decimal. Sources: Alibaba's own
 * `@alicloud/oss-util` (dist/crc.js: that polynomial, register starting at 0xFF…FF, XORed with
 * 0xFF…FF at the end), the Go SDK's `crc64.MakeTable(crc64.ECMA)`, and the CRC RevEng catalogue
 * entry CRC-64/XZ (check value of "123456789": 0x995DC9BBDF1939FA = 11051210869376104954).
 * Not CRC-64/ECMA-182 as that catalogue names it (no reflection, zero init): same polynomial,
 * different numbers.
 *
 * Multipart objects: OSS gives the CRC of the assembled object, so the client combines its part
 * CRCs (zlib's crc32_combine, generalised to 64 bits) instead of reading the file again.
 */

/**
 * The table-driven CRC, self-contained (no reference to anything outside its body) so that the
 * digest worker threads can run the very same code from its source text (`String(crc64Engine)`).
 * The 64-bit register is two 32-bit halves: BigInt per byte would be far too slow. Slicing by 8
 * (8 tables, 8 bytes per step) because hashing must keep up with the network.
 */
export function crc64Engine(): {
  /** The CRC of `previous`'s bytes followed by `bytes` (zlib's crc32(crc, buf) convention). */
  update(previous: string, bytes: Uint8Array): string;
} {
  const lo = new Uint32Array(256 * 8);
  const hi = new Uint32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let l = n;
    let h = 0;
    for (let bit = 0; bit < 8; bit++) {
      const carry = l & 1;
      l = ((l >>> 1) | (h << 31)) >>> 0;
      h = h >>> 1;
      if (carry) {
        l = (l ^ 0xd7870f42) >>> 0;
        h = (h ^ 0xc96c5795) >>> 0;
      }
    }
    lo[n] = l;
    hi[n] = h;
  }
  for (let k = 1; k < 8; k++) {
    for (let n = 0; n < 256; n++) {
      const l = lo[(k - 1) * 256 + n]!;
      const h = hi[(k - 1) * 256 + n]!;
      const index = l & 0xff;
      lo[k * 256 + n] = (((l >>> 8) | (h << 24)) ^ lo[index]!) >>> 0;
      hi[k * 256 + n] = ((h >>> 8) ^ hi[index]!) >>> 0;
    }
  }
  return {
    update(previous, bytes) {
      const start = BigInt.asUintN(64, ~BigInt(previous));
      let l = Number(start & 0xffffffffn);
      let h = Number(start >> 32n);
      const length = bytes.length;
      let i = 0;
      for (const end = length - 8; i <= end; i += 8) {
        l ^= bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
        h ^= bytes[i + 4]! | (bytes[i + 5]! << 8) | (bytes[i + 6]! << 16) | (bytes[i + 7]! << 24);
        const nl =
          lo[1792 + (l & 0xff)]! ^
          lo[1536 + ((l >>> 8) & 0xff)]! ^
          lo[1280 + ((l >>> 16) & 0xff)]! ^
          lo[1024 + (l >>> 24)]! ^
          lo[768 + (h & 0xff)]! ^
          lo[512 + ((h >>> 8) & 0xff)]! ^
          lo[256 + ((h >>> 16) & 0xff)]! ^
          lo[h >>> 24]!;
        h =
          hi[1792 + (l & 0xff)]! ^
          hi[1536 + ((l >>> 8) & 0xff)]! ^
          hi[1280 + ((l >>> 16) & 0xff)]! ^
          hi[1024 + (l >>> 24)]! ^
          hi[768 + (h & 0xff)]! ^
          hi[512 + ((h >>> 8) & 0xff)]! ^
          hi[256 + ((h >>> 16) & 0xff)]! ^
          hi[h >>> 24]!;
        l = nl;
      }
      for (; i < length; i++) {
        const index = (l ^ bytes[i]!) & 0xff;
        l = ((l >>> 8) | (h << 24)) ^ lo[index]!;
        h = (h >>> 8) ^ hi[index]!;
      }
      const crc = (BigInt(h >>> 0) << 32n) | BigInt(l >>> 0);
      return BigInt.asUintN(64, ~crc).toString(10);
    },
  };
}

const engine = crc64Engine();

/** CRC-64 (OSS's) of `bytes`, continuing from the CRC of what came before (default: nothing). */
export function crc64(bytes: Uint8Array, previous = '0'): string {
  return engine.update(previous, bytes);
}

/*
 * Combination (zlib ≥ 1.2.12 crc32.c: multmodp, x2nmodp, crc32_combine_op), in 64 bits.
 * CRC(A‖B) = CRC(A)·x^(8·|B|) mod P  ⊕  CRC(B): the all-ones init and final XOR cancel out, as
 * in zlib's CRC-32, which has the same shape. Polynomials are reflected: bit 63 is x^0.
 * BigInt is fine here: a combine is a few hundred operations per part, not per byte.
 */

const POLY = 0xc96c5795d7870f42n;
const X0 = 1n << 63n; // the polynomial 1

/** a(x)·b(x) mod P(x). */
function multModP(a: bigint, b: bigint): bigint {
  let product = 0n;
  for (let m = X0; m !== 0n && a !== 0n; m >>= 1n) {
    if (a & m) {
      product ^= b;
      a ^= m;
    }
    b = b & 1n ? (b >> 1n) ^ POLY : b >> 1n;
  }
  return product;
}

/** x^(2^k) mod P for k = 0…63: squaring the previous one. */
const X2N: readonly bigint[] = (() => {
  const table: bigint[] = [];
  let p = X0 >> 1n; // x^1
  for (let k = 0; k < 64; k++) {
    table.push(p);
    p = multModP(p, p);
  }
  return table;
})();

/** The operator that shifts a CRC over `length` zero bytes: x^(8·length) mod P. */
function shiftOperator(length: number): bigint {
  let p = X0;
  let n = BigInt(length);
  for (let k = 3; n !== 0n; k++, n >>= 1n) {
    if (n & 1n) p = multModP(X2N[k % 64]!, p);
  }
  return p;
}

/** The CRC of A‖B from CRC(A), CRC(B) and B's length in bytes. */
export function crc64Combine(first: string, second: string, secondLength: number): string {
  return (multModP(shiftOperator(secondLength), BigInt(first)) ^ BigInt(second)).toString(10);
}

/**
 * The CRC of parts laid end to end, from each part's CRC and size (in order). The shift operator
 * is computed once per distinct size: all parts but the last usually share one.
 */
export function crc64OfParts(
  parts: readonly { readonly crc64: string; readonly size: number }[],
): string {
  const operators = new Map<number, bigint>();
  let crc = 0n;
  for (const part of parts) {
    let operator = operators.get(part.size);
    if (operator === undefined) {
      operator = shiftOperator(part.size);
      operators.set(part.size, operator);
    }
    crc = multModP(operator, crc) ^ BigInt(part.crc64);
  }
  return crc.toString(10);
}

/** Whether `value` is a CRC-64 as OSS prints it (an unsigned 64-bit decimal). */
export function isCrc64(value: string): boolean {
  return /^\d{1,20}$/.test(value) && BigInt(value) < 1n << 64n;
}
