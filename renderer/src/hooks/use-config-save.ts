import { useCallback, useState } from 'react';

import type { FerryBridge } from '../../../app/ipc/contract.js';
import { parseConfigErrors, type ConfigErrors } from '../model/config-errors.js';
import { describeError } from './use-request.js';

export interface ConfigSave {
  readonly saving: boolean;
  /** The engine's objections to the last attempt (field paths and messages). */
  readonly errors: ConfigErrors | null;
  /** Where the last successful save wrote. */
  readonly savedPath: string | null;
  save: (document: unknown) => Promise<boolean>;
  clear: () => void;
}

/** `config:save`: main validates the whole document and names every field it refuses. */
export function useConfigSave(bridge: FerryBridge): ConfigSave {
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<ConfigErrors | null>(null);
  const [savedPath, setSavedPath] = useState<string | null>(null);

  const save = useCallback(
    async (document: unknown) => {
      setSaving(true);
      setSavedPath(null);
      try {
        const { path } = await bridge.invoke('config:save', { document });
        setErrors(null);
        setSavedPath(path);
        return true;
      } catch (error) {
        const { body, hint } = describeError(error);
        const parsed = parseConfigErrors(body);
        setErrors({
          summary: [parsed.summary, hint].filter(Boolean).join(' '),
          fields: parsed.fields,
        });
        return false;
      } finally {
        setSaving(false);
      }
    },
    [bridge],
  );

  const clear = useCallback(() => {
    setErrors(null);
    setSavedPath(null);
  }, []);

  return { saving, errors, savedPath, save, clear };
}
