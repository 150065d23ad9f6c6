import { useId } from 'react';

import { useSession } from '../../bridge/session-context.js';
import { useToast } from '../../hooks/toast-context.js';
import { useDirectorySuggestions } from '../../hooks/use-directory-suggestions.js';
import { describeError } from '../../hooks/use-request.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { describedBy, FieldFrame } from './fields.js';

interface FolderPathFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string | null;
  readonly testId: string;
}

/**
 * The folder to sync. The desktop adds "Browse…" (the system's folder dialog through
 * `dialog:pick-folder`); a browser cannot see the disk of the machine running `ferry serve`, so
 * the field suggests that machine's existing directories as the path is typed.
 */
export function FolderPathField({ label, value, onChange, error, testId }: FolderPathFieldProps) {
  const id = useId();
  const { bridge, host } = useSession();
  const toast = useToast();
  const { t } = useI18n();
  const suggestions = useDirectorySuggestions(bridge, value, host === 'web');
  const help = host === 'web' ? t('fieldPathWebHelp') : t('fieldPathHelp');

  const browse = (): void => {
    bridge.invoke('dialog:pick-folder', {}).then(
      ({ path }) => {
        if (path !== null) onChange(path);
      },
      (failure: unknown) =>
        toast({ level: 'error', title: t('browseFolderLabel'), ...describeError(failure) }),
    );
  };

  return (
    <FieldFrame id={id} label={label} error={error} help={help}>
      <div className="field__with-button">
        <input
          id={id}
          type="text"
          className="mono"
          value={value}
          required
          spellCheck={false}
          autoComplete="off"
          list={host === 'web' ? `${id}-directories` : undefined}
          placeholder={host === 'web' ? '/home/…' : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, error, help)}
          onChange={(event) => onChange(event.target.value)}
          data-testid={testId}
        />
        {host === 'desktop' && (
          <button
            type="button"
            className="button"
            aria-label={t('browseFolderLabel')}
            onClick={browse}
            data-testid={`${testId}-browse`}
          >
            {t('browseFolder')}
          </button>
        )}
      </div>
      {host === 'web' && (
        <datalist id={`${id}-directories`} data-testid={`${testId}-suggestions`}>
          {suggestions.map((directory) => (
            <option key={directory} value={directory} />
          ))}
        </datalist>
      )}
    </FieldFrame>
  );
}
