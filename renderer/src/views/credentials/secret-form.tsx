import { useId, useState, type FormEvent } from 'react';

import { secretEnvName } from '../../../../app/credentials/secret-env-name.js';
import type { ProfileView } from '../../../../app/ipc/views.js';
import { useSession } from '../../bridge/session-context.js';
import { useToast } from '../../hooks/toast-context.js';
import { useRequest } from '../../hooks/use-request.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { secretOriginText, secretPlaceholder } from './secret-origin.js';

/**
 * Sets the profile's secret (the sub-account's secret key, or the vendor bearer token). It goes
 * straight to the keychain in main (without one: main's memory for this session, said before
 * the user types); the field is cleared and nothing ever comes back.
 */
export function SecretForm({
  profile,
  keychainReachable = null,
}: {
  readonly profile: ProfileView;
  /** false: no keychain answers, a secret entered now is kept in memory for this session. */
  readonly keychainReachable?: boolean | null;
}) {
  const { t } = useI18n();
  const { bridge } = useSession();
  const toast = useToast();
  const save = useRequest();
  const [secret, setSecret] = useState('');
  const field = useId();
  const stored = secretOriginText(t, profile);
  const noKeychain = keychainReachable === false && profile.secretOrigin !== 'environment';

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const value = secret;
    setSecret('');
    const saved = await save.run(t('secretSaveFailed'), () =>
      bridge.invoke('secrets:set', { profileId: profile.id, secret: value }),
    );
    if (saved) {
      const title = keychainReachable === false ? 'secretSavedMemory' : 'secretSaved';
      toast({ level: 'info', title: t(title, { profile: profile.id }) });
    }
  };

  return (
    <form className="secret-form" onSubmit={(event) => void submit(event)}>
      {noKeychain && (
        <p className="callout callout--warn" data-testid={`secret-no-keychain-${profile.id}`}>
          {t('secretNoKeychain', { name: secretEnvName(profile.id) })}
        </p>
      )}
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
          placeholder={secretPlaceholder(t, profile)}
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
        className={`field__help${profile.secretStored === false || profile.secretOrigin === 'memory' ? ' field__help--warn' : ''}`}
        data-testid={`secret-status-${profile.id}`}
      >
        <span aria-hidden="true">{profile.secretStored ? '✓ ' : '○ '}</span>
        {stored}
      </p>
    </form>
  );
}
