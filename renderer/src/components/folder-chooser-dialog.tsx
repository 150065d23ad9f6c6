import { useId, useState, type FormEvent } from 'react';

import type { FolderView } from '../../../app/ipc/views.js';
import { normalizeSubPrefix } from '../drops/drop-outcome.js';
import type { DropTarget } from '../drops/drop-outcome.js';
import { useI18n } from '../i18n/i18n-context.js';
import { Dialog } from './dialog.js';

interface FolderChooserDialogProps {
  readonly folders: readonly FolderView[];
  readonly itemCount: number;
  readonly onChoose: (target: DropTarget) => void;
  readonly onCancel: () => void;
}

/** Asks where a drop on the window goes when there are several folders. */
export function FolderChooserDialog({
  folders,
  itemCount,
  onChoose,
  onCancel,
}: FolderChooserDialogProps) {
  const { t, tp } = useI18n();
  const [folderId, setFolderId] = useState(folders[0]?.id ?? '');
  const [subPrefix, setSubPrefix] = useState('');
  const folderField = useId();
  const prefixField = useId();
  const selected = folders.find((folder) => folder.id === folderId);
  const destination = selected
    ? `${selected.bucket}/${selected.prefix}${normalizeSubPrefix(subPrefix)}`
    : '';

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (selected) onChoose({ folderId, subPrefix: normalizeSubPrefix(subPrefix) });
  };

  return (
    <Dialog title={t('chooserTitle')} onClose={onCancel} testId="folder-chooser">
      <form className="form" onSubmit={submit}>
        <p className="muted">{tp('chooserItems', itemCount)}</p>
        <div className="field">
          <label htmlFor={folderField}>{t('chooserFolder')}</label>
          <select
            id={folderField}
            value={folderId}
            onChange={(event) => setFolderId(event.target.value)}
            data-testid="chooser-folder"
          >
            {folders.map((folder) => (
              <option key={folder.id} value={folder.id}>
                {folder.id} — {folder.bucket}/{folder.prefix}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={prefixField}>{t('chooserSubPrefix')}</label>
          <input
            id={prefixField}
            type="text"
            value={subPrefix}
            placeholder={t('chooserSubPrefixPlaceholder')}
            maxLength={512}
            onChange={(event) => setSubPrefix(event.target.value)}
            data-testid="chooser-sub-prefix"
          />
          <p className="field__help">{t('chooserDestination', { destination })}</p>
        </div>
        <div className="form__actions">
          <button type="button" className="button" onClick={onCancel}>
            {t('cancel')}
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={!selected}
            data-testid="chooser-upload"
          >
            {t('chooserUpload')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
