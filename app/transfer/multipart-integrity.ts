import type { CheckpointPart } from '../ports/journal.js';
import type { MultipartIntegrity, ObjectInfo } from '../ports/object-store.js';
import { crc64OfParts } from './crc64.js';

/**
 * The whole object's CRC-64 as a CRC-64 store (OSS) must report it, combined from the parts'
 * CRCs; undefined when the store verifies otherwise or a part has no CRC (a checkpoint written
 * before Ferry kept them: such parts are sent again, see `partsUsableFor`).
 */
export function expectedCrc64(
  integrity: MultipartIntegrity,
  parts: readonly CheckpointPart[],
): string | undefined {
  if (integrity !== 'crc64') return undefined;
  const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  const withCrc: { crc64: string; size: number }[] = [];
  for (const part of sorted) {
    if (part.crc64 === undefined) return undefined;
    withCrc.push({ crc64: part.crc64, size: part.size });
  }
  return crc64OfParts(withCrc);
}

/**
 * Whether the object is exactly the bytes sent: its size, and the CRC-64 the store reported
 * (Complete's answer, else HEAD's) equal to the one combined locally. A missing CRC proves
 * nothing: OSS returns `x-oss-hash-crc64ecma` on Complete and HEAD (OSS API reference,
 * CompleteMultipartUpload and HeadObject response headers), so its absence is a mismatch.
 */
export function sameCrc64(
  head: ObjectInfo | null,
  reported: string | undefined,
  size: number,
  expected: string | undefined,
): boolean {
  return (
    head !== null &&
    head.size === size &&
    reported !== undefined &&
    expected !== undefined &&
    reported === expected
  );
}

/**
 * Checkpointed parts a resumed upload can build on: for a CRC-64 store only those whose CRC was
 * kept, since the whole object's CRC is combined from them (the others are sent again).
 */
export function partsUsableFor(
  integrity: MultipartIntegrity,
  parts: readonly CheckpointPart[],
): CheckpointPart[] {
  return integrity === 'crc64' ? parts.filter((part) => part.crc64 !== undefined) : [...parts];
}

/**
 * A part's CRC-64 as the store reported it must be the one computed locally (Content-MD5 was
 * already checked by the store; this also catches a store that hashed different bytes).
 * Returns a description of the mismatch, or undefined when they agree or nothing was reported.
 */
export function partCrcMismatch(
  local: string | undefined,
  reported: string | undefined,
): string | undefined {
  if (local === undefined || reported === undefined || local === reported) return undefined;
  return `the store computed CRC-64 ${reported}, Ferry ${local}`;
}
