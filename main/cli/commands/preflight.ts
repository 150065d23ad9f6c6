import { randomUUID } from 'node:crypto';

import { isCredentialError } from '../../../app/errors/credential-errors.js';
import { SyncError, toSyncError } from '../../../app/errors/sync-error.js';
import type { Clock } from '../../../app/ports/clock.js';
import { withRetries } from '../../../app/retry/with-retries.js';
import { systemClock } from '../../adapters/system-clock.js';
import type { Composition } from '../../compose.js';

export interface PreflightTiming {
  readonly clock: Clock;
  readonly random: () => number;
}

/**
 * Before touching any file: every profile must yield a token and every bucket must answer.
 * A wrong key or an unreachable endpoint is a configuration problem (exit 2), not 10,000
 * failed files. The probe is retried like any request (issue 11: one 503 or one reset
 * connection on it ended the run with exit 2): only an endpoint that keeps failing through
 * the backoff (about 7 s in all) is reported as unreachable.
 */
export async function preflight(
  composition: Pick<Composition, 'profiles' | 'folders'>,
  timing: PreflightTiming = { clock: systemClock, random: Math.random },
): Promise<void> {
  for (const [, binding] of composition.profiles) await binding.broker.get();
  for (const folder of composition.folders) {
    const store = composition.profiles.get(folder.profileId)?.store;
    if (!store) continue;
    try {
      // A key that cannot exist: "not found" proves the endpoint, bucket and signature work.
      await withRetries(
        () =>
          store.head({
            bucket: folder.bucket,
            key: `${folder.prefix}.ferry-preflight-${randomUUID()}`,
          }),
        {
          ...timing,
          backoff: { baseMs: 500, maxMs: 4_000 },
          maxAttempts: 5,
          failOnFatalCredentials: true,
        },
      );
    } catch (thrown) {
      const error = toSyncError(thrown);
      if (error.code === 'network' || error.code === 'server-error') {
        throw new SyncError(
          'config-invalid',
          'fatal',
          `Folder "${folder.id}": the store for bucket "${folder.bucket}" cannot be reached (${error.message}).`,
          {
            hint: "Check the profile's endpoint, forcePathStyle and the network or proxy.",
            cause: error,
          },
        );
      }
      // access-denied: the policy may not grant GetObject here; uploads will tell per file.
      // Fatal store answers are the folder's configuration (no such bucket, V1 signatures
      // refused, clock skew): every file would fail the same way, so stop here (exit 2).
      if (isCredentialError(error) || error.disposition === 'fatal') throw error;
    }
  }
}
