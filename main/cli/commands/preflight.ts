import type { FolderPreflight } from '../../../app/engine/folder-preflight.js';
import { SyncError } from '../../../app/errors/sync-error.js';
import { systemClock } from '../../adapters/system/system-clock.js';
import type { Composition } from '../../compose/compose.js';
import { preflightFolders, type PreflightTiming } from '../../compose/folder-preflights.js';

export { preflightFolders, type PreflightTiming } from '../../compose/folder-preflights.js';

/**
 * Before touching any file (`ferry sync`, also `--dry-run`): every profile must yield a token,
 * and every folder must pass its preflight (app/engine/folder-preflight.ts: the path is a
 * readable folder, the bucket exists and may be written under the prefix, listing and deleting
 * where the mode needs them). A wrong path, bucket or grant is a configuration problem (exit 2),
 * not "0 uploaded" or 10,000 failed files. Every failing folder is named, not just the first.
 */
export async function preflight(
  composition: Pick<Composition, 'profiles' | 'folders'>,
  timing: PreflightTiming = { clock: systemClock, random: Math.random },
): Promise<FolderPreflight[]> {
  for (const [, binding] of composition.profiles) await binding.broker.get();
  const results = await preflightFolders(composition, timing);
  const failures = results.flatMap((result) => (result.error ? [result.error] : []));
  const [first] = failures;
  if (first === undefined) return results;
  if (failures.length === 1) throw first;
  throw new SyncError(
    first.code,
    'fatal',
    `${failures.length} folders cannot sync:\n${failures
      .map((failure) => `  ${failure.message}${failure.hint ? `\n    → ${failure.hint}` : ''}`)
      .join('\n')}`,
    { hint: 'Fix each folder as above, then run again.', cause: first },
  );
}
