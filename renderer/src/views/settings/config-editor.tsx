import { useState, type FormEvent } from 'react';

import type { ConfigView } from '../../../../app/ipc/views.js';
import { useSession } from '../../bridge/session-context.js';
import { useConfigSave } from '../../hooks/use-config-save.js';
import { useI18n } from '../../i18n/i18n-context.js';
import {
  documentFromDraft,
  draftFromDocument,
  type ConfigDraft,
} from '../../model/config-draft.js';
import { ConfigErrorList } from './config-error-list.js';
import { ConfigForm } from './config-form.js';

/**
 * The config file, editable as forms or, for keys the forms do not cover (ignore patterns,
 * delete delays, proxy…), as JSON. Saving sends the whole document; main validates it.
 */
export function ConfigEditor({ config }: { readonly config: ConfigView }) {
  const { t } = useI18n();
  const { bridge } = useSession();
  const saving = useConfigSave(bridge);
  const [draft, setDraft] = useState<ConfigDraft>(() => draftFromDocument(config.document));
  const [json, setJson] = useState<string | null>(null);
  const [jsonError, setJsonError] = useState<string | null>(null);

  const currentDocument = (): unknown => {
    if (json === null) return documentFromDraft(draft);
    return JSON.parse(json) as unknown;
  };

  const toggleJson = (): void => {
    if (json === null) {
      setJson(JSON.stringify(documentFromDraft(draft), null, 2));
      return;
    }
    try {
      setDraft(draftFromDocument(JSON.parse(json)));
      setJson(null);
      setJsonError(null);
    } catch (error) {
      setJsonError(error instanceof Error ? error.message : String(error));
    }
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    let document: unknown;
    try {
      document = currentDocument();
      setJsonError(null);
    } catch (error) {
      setJsonError(error instanceof Error ? error.message : String(error));
      return;
    }
    await saving.save(document);
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} data-testid="config-editor">
      <div className="form__header">
        <p className="muted">
          {config.path ? t('configPath', { path: config.path }) : t('configNoFile')}
        </p>
        <button type="button" className="button button--ghost button--small" onClick={toggleJson}>
          {json === null ? t('editAsJson') : t('editAsForm')}
        </button>
      </div>
      {saving.errors && <ConfigErrorList errors={saving.errors} />}
      {json === null ? (
        <ConfigForm draft={draft} errors={saving.errors?.fields ?? []} onChange={setDraft} />
      ) : (
        <div className={`field${jsonError ? ' field--invalid' : ''}`}>
          <label htmlFor="config-json">{t('configJson')}</label>
          <textarea
            id="config-json"
            className="mono code-editor"
            spellCheck={false}
            rows={24}
            value={json}
            onChange={(event) => setJson(event.target.value)}
            aria-invalid={jsonError ? true : undefined}
          />
          {jsonError && (
            <p className="field__error" role="alert">
              {t('jsonInvalid', { message: jsonError })}
            </p>
          )}
        </div>
      )}
      <div className="form__actions">
        {saving.savedPath && (
          <span className="form__saved" role="status">
            ✓ {t('configSaved', { path: saving.savedPath })}
          </span>
        )}
        <button
          type="submit"
          className="button button--primary"
          disabled={saving.saving}
          data-testid="config-save"
        >
          {saving.saving ? t('saving') : t('save')}
        </button>
      </div>
    </form>
  );
}
