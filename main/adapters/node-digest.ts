import { createHash } from 'node:crypto';

import { SyncError } from '../../app/errors/sync-error.js';
import type { Digest } from '../../app/ports/digest.js';

const MD5_HEX = /^[0-9a-f]{32}$/i;

/** The Digest port on node:crypto. */
export const nodeDigest: Digest = {
  md5Hex: (bytes) => createHash('md5').update(bytes).digest('hex'),

  md5OfDigests(md5Hexes) {
    const hash = createHash('md5');
    for (const hex of md5Hexes) {
      // Buffer.from(hex, 'hex') silently drops what is not hex: a malformed digest would give a
      // plausible but wrong multipart ETag instead of an error.
      if (!MD5_HEX.test(hex)) {
        throw new SyncError('internal', 'fatal', `"${hex}" is not a hex MD5 digest.`);
      }
      hash.update(Buffer.from(hex, 'hex'));
    }
    return hash.digest('hex');
  },
};
