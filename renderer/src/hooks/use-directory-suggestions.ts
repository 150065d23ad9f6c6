import { useEffect, useState } from 'react';

import type { FerryBridge } from '../../../app/ipc/contract.js';

/** Quiet time after a keystroke before asking: one request per pause, not per character. */
const TYPING_PAUSE_MS = 200;

/** "/…" or "C:\…": the server refuses anything else, so nothing is asked before that. */
export const looksAbsolute = (path: string): boolean =>
  path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);

/**
 * The browser's folder picker: existing directories that complete `typed`, from the server
 * (`fs:complete-directory`). Off (`enabled` false, on the desktop) it asks nothing; failures
 * only mean no suggestions, since the field still takes any typed path.
 */
export function useDirectorySuggestions(
  bridge: Pick<FerryBridge, 'invoke'>,
  typed: string,
  enabled: boolean,
): readonly string[] {
  const [suggestions, setSuggestions] = useState<readonly string[]>([]);
  useEffect(() => {
    if (!enabled || !looksAbsolute(typed)) {
      setSuggestions([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      bridge.invoke('fs:complete-directory', { prefix: typed }).then(
        ({ directories }) => {
          // An answer to an older keystroke must not replace a newer one's.
          if (current) setSuggestions(directories);
        },
        () => {
          if (current) setSuggestions([]);
        },
      );
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [bridge, typed, enabled]);
  return suggestions;
}
