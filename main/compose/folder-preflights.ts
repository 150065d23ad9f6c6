import { randomUUID } from 'node:crypto';

import { preflightFolder, type FolderPreflight } from '../../app/engine/folder-preflight.js';
import type { Clock } from '../../app/ports/clock.js';
import type { FileSystem } from '../../app/ports/file-system.js';
import { NodeFileSystem } from '../adapters/fs/node-file-system.js';
import { systemClock } from '../adapters/system/system-clock.js';
import type { Composition } from './compose.js';

export interface PreflightTiming {
  readonly clock: Clock;
  readonly random: () => number;
  /** The local disk; default: the real one. */
  readonly fs?: FileSystem;
}

/** Every folder's preflight (app/engine/folder-preflight.ts), failures included: `ferry sync`
 *  stops on them, `ferry check` prints them all, the UI host starts only the folders that pass. */
export async function preflightFolders(
  composition: Pick<Composition, 'profiles' | 'folders'>,
  timing: PreflightTiming = { clock: systemClock, random: Math.random },
): Promise<FolderPreflight[]> {
  const fs = timing.fs ?? new NodeFileSystem();
  const results: FolderPreflight[] = [];
  for (const folder of composition.folders) {
    const store = composition.profiles.get(folder.profileId)?.store;
    if (!store) continue; // the schema guarantees the profile; compose built its store
    results.push(
      await preflightFolder(folder, {
        fs,
        store,
        clock: timing.clock,
        random: timing.random,
        newId: randomUUID,
      }),
    );
  }
  return results;
}
