import { useCallback, useState } from 'react';

import type { FerryBridge } from '../../../app/ipc/contract.js';
import type { ConfigIssue } from '../../../app/ipc/config-issue-view.js';
import { useI18n } from '../i18n/i18n-context.js';
import { fieldErrorsOf, parseConfigErrors, type ConfigErrors } from '../model/config-errors.js';
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
  const i18n = useI18n();
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
        const issues = (error as { issues?: readonly ConfigIssue[] }).issues;
        // Worded by code in the UI's language (issue 13); the English lines are the fallback.
        setErrors({
          summary:
            issues && i18n.language !== 'en'
              ? i18n.t('configInvalidFix')
              : [parsed.summary, hint].filter(Boolean).join(' '),
          fields: issues ? fieldErrorsOf(issues, i18n.language) : parsed.fields,
        });
        return false;
      } finally {
        setSaving(false);
      }
    },
    [bridge, i18n],
  );

  const clear = useCallback(() => {
    setErrors(null);
    setSavedPath(null);
  }, []);

  return { saving, errors, savedPath, save, clear };
}
