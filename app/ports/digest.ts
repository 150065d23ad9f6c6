/** Content hashes, behind a port because app/ has no crypto of its own. */
export interface Digest {
  /** Hex MD5 of the bytes. */
  md5Hex(bytes: Uint8Array): string;
  /**
   * The same hex MD5, computed where it does not hold up the caller's thread when the platform
   * can (worker threads for large inputs). The bytes must not change until it resolves.
   */
  md5HexAsync(bytes: Uint8Array): Promise<string>;
  /**
   * A zeroed buffer for bytes that will go through `md5HexAsync`: memory its worker threads can
   * read without a copy. Plain memory where there are no such threads.
   */
  allocate(size: number): Uint8Array;
  /**
   * CRC-64 of the bytes as Alibaba OSS computes it (`x-oss-hash-crc64ecma`: CRC-64/XZ parameters,
   * decimal string; see app/transfer/crc64.ts), off the caller's thread like `md5HexAsync`.
   * Only stores that verify by CRC-64 need it.
   */
  crc64Async(bytes: Uint8Array): Promise<string>;
  /** Hex MD5 of the concatenation of binary MD5s (the multipart ETag before "-N"). */
  md5OfDigests(md5Hexes: readonly string[]): string;
}
