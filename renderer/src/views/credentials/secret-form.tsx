import { useId, useState, type FormEvent } from 'react';

import type { ProfileView } from '../../../../app/ipc/views.js';
import { useSession } from '../../bridge/session-context.js';
import { useToast } from '../../hooks/toast-context.js';
import { useRequest } from '../../hooks/use-request.js';
import { useI18n } from '../../i18n/i18n-context.js';

/**
 * Sets the profile's secret (the sub-account's secret key, or the vendor bearer token). It goes
 * straight to the keychain in main; the field is cleared and nothing ever comes back.
 */
export function SecretForm({ profile }: { readonly profile: ProfileView }) {
  const { t } = useI18n();
  const { bridge } = useSession();
  const toast = useToast();
  const save = useRequest();
  const [secret, setSecret] = useState('');
  const field = useId();
  const stored =
    profile.secretStored === true
      ? t('secretStored')
      : profile.secretStored === false
        ? t('secretMissing')
        : t('secretUnknown');

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const value = secret;
    setSecret('');
    const saved = await save.run(t('secretSaveFailed'), () =>
      bridge.invoke('secrets:set', { profileId: profile.id, secret: value }),
    );
    if (saved) toast({ level: 'info', title: t('secretSaved', { profile: profile.id }) });
  };

  return (
    <form className="secret-form" onSubmit={(event) => void submit(event)}>
      <label htmlFor={field}>
        {profile.source === 'vendor' ? t('secretLabelVendor') : t('secretLabelKey')}
      </label>
      <div className="secret-form__row">
        <input
          id={field}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          value={secret}
          maxLength={8192}
          onChange={(event) => setSecret(event.target.value)}
          data-testid={`secret-input-${profile.id}`}
        />
        <button
          type="submit"
          className="button"
          disabled={secret === '' || save.busy}
          data-testid={`secret-save-${profile.id}`}
        >
          {t('secretSave')}
        </button>
      </div>
      <p
        className={`field__help${profile.secretStored === false ? ' field__help--warn' : ''}`}
        data-testid={`secret-status-${profile.id}`}
      >
        <span aria-hidden="true">{profile.secretStored ? '✓ ' : '○ '}</span>
        {stored}
      </p>
    </form>
  );
}
