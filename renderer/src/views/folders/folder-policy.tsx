import type { FolderView } from '../../../../app/ipc/views.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { policySentence } from '../../model/policy-words.js';

/** What the folder's token may do there, read from the session policy Ferry sent (issue 12). */
export function FolderPolicy({ folder }: { readonly folder: FolderView }) {
  const { t } = useI18n();
  if (!folder.policy) return null;
  const { sentence, notes } = policySentence(t, folder.policy);
  return (
    <p className="folder-card__policy muted" data-testid={`folder-policy-${folder.id}`}>
      <strong>{t('policyTitle')}:</strong> {sentence}
      {notes.length > 0 && <span> ({notes.join('; ')})</span>}
    </p>
  );
}
