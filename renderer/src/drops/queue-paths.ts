import type { FerryBridge } from '../../../app/ipc/contract.js';
import {
  addReply,
  EMPTY_OUTCOME,
  type DropOutcome,
  type DropProgress,
  type DropTarget,
} from './drop-outcome.js';

/** The engine accepts at most this many paths per request (contract.ts). */
const PATHS_PER_REQUEST = 10_000;

/**
 * Desktop drops: the absolute paths go to the engine (`uploads:add-paths`), which reads the
 * files itself and expands folders; nothing is streamed through the renderer.
 */
export async function queuePaths(
  bridge: Pick<FerryBridge, 'invoke'>,
  target: DropTarget,
  paths: readonly string[],
  onProgress?: (progress: DropProgress) => void,
): Promise<DropOutcome> {
  const usable = paths.filter((path) => path !== '');
  if (usable.length === 0) {
    return {
      ...EMPTY_OUTCOME,
      failures: [{ path: '', message: 'The dropped items have no local path.' }],
    };
  }
  let outcome = EMPTY_OUTCOME;
  onProgress?.({ sent: 0, total: usable.length });
  for (let start = 0; start < usable.length; start += PATHS_PER_REQUEST) {
    const chunk = usable.slice(start, start + PATHS_PER_REQUEST);
    const label = chunk.length === 1 ? (chunk[0] ?? '') : `${chunk.length} items`;
    try {
      const result = await bridge.invoke('uploads:add-paths', {
        folderId: target.folderId,
        paths: chunk,
        subPrefix: target.subPrefix,
      });
      outcome = addReply(outcome, label, { ok: true, result });
    } catch (error) {
      const { message, hint, code, params } = error as {
        message?: unknown;
        hint?: unknown;
        code?: unknown;
        params?: Readonly<Record<string, string | number>>;
      };
      outcome = addReply(outcome, label, {
        ok: false,
        error: {
          // The engine's code and params (folder-blocked…): the toast translates by them.
          code: typeof code === 'string' ? code : 'failed',
          message: typeof message === 'string' ? message : String(error),
          ...(typeof hint === 'string' && hint !== '' ? { hint } : {}),
          ...(params && typeof params === 'object' ? { params } : {}),
        },
      });
    }
    onProgress?.({ sent: start + chunk.length, total: usable.length });
  }
  return outcome;
}

/** The local paths of a desktop drop (each dropped File's), or the ones "Upload files…" chose in
 *  the system's dialog, which come as paths without File objects. */
export function localPathsOf(
  payload: { readonly files: readonly File[]; readonly paths?: readonly string[] },
  pathForFile: (file: File) => string,
): readonly string[] {
  return payload.paths ?? payload.files.map((file) => pathForFile(file));
}
