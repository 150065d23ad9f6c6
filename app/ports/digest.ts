/** Content hashes, behind a port because app/ has no crypto of its own. */
export interface Digest {
  /** Hex MD5 of the bytes. */
  md5Hex(bytes: Uint8Array): string;
  /** Hex MD5 of the concatenation of binary MD5s (the multipart ETag before "-N"). */
  md5OfDigests(md5Hexes: readonly string[]): string;
}
