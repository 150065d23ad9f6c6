import { useState, type FormEvent } from 'react';

import { secretEnvName } from '../../../../app/credentials/secret-env-name.js';
import { useSession } from '../../bridge/session-context.js';
import { useToast } from '../../hooks/toast-context.js';
import { useConfigSave } from '../../hooks/use-config-save.js';
import { describeError } from '../../hooks/use-request.js';
import { useI18n } from '../../i18n/i18n-context.js';
import {
  documentFromDraft,
  draftFromDocument,
  emptyFolderDraft,
  emptyProfileDraft,
} from '../../model/config-draft.js';
import { ConfigErrorList } from './config-error-list.js';
import { TextField } from './fields.js';
import { FolderFields } from './folder-fields.js';
import { ProfileFields } from './profile-fields.js';

/**
 * First run: one profile, one folder and the profile's secret. Anything already in the config
 * file (other profiles, transfer settings) is kept; the folder is added to it.
 */
export function SetupForm({
  existing,
  keychainReachable = null,
}: {
  readonly existing: unknown;
  /** false: no keychain answers, the secret is kept in memory for this session (issue 12). */
  readonly keychainReachable?: boolean | null;
}) {
  const { t } = useI18n();
  const { bridge } = useSession();
  const toast = useToast();
  const saving = useConfigSave(bridge);
  const [base] = useState(() => draftFromDocument(existing));
  const [profile, setProfile] = useState(() => base.profiles[0] ?? emptyProfileDraft());
  const [folder, setFolder] = useState(() => emptyFolderDraft(profile.id));
  const [secret, setSecret] = useState('');
  const errors = saving.errors?.fields ?? [];

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const document = documentFromDraft({
      ...base,
      profiles: [profile, ...base.profiles.slice(1)],
      folders: [...base.folders, { ...folder, profile: profile.id }],
    });
    if (!(await saving.save(document))) return;
    const value = secret;
    setSecret('');
    if (value === '') return;
    try {
      await bridge.invoke('secrets:set', { profileId: profile.id.trim(), secret: value });
    } catch (error) {
      toast({ level: 'error', title: t('secretSaveFailed'), ...describeError(error) });
    }
  };

  return (
    <form
      className="form setup-form card"
      onSubmit={(event) => void submit(event)}
      data-testid="setup-form"
      aria-labelledby="setup-title"
    >
      <h2 id="setup-title">{t('setupTitle')}</h2>
      <p className="muted">{t('setupIntro')}</p>
      {saving.errors && <ConfigErrorList errors={saving.errors} />}
      <fieldset className="fieldset">
        <legend>{t('setupStorage')}</legend>
        <ProfileFields
          draft={profile}
          index={0}
          errors={errors}
          onChange={setProfile}
          testPrefix="setup"
        />
        {keychainReachable === false && (
          <p className="callout callout--warn" data-testid="setup-no-keychain">
            {t('secretNoKeychain', {
              name: secretEnvName(profile.id.trim() === '' ? 'PROFILE_ID' : profile.id.trim()),
            })}
          </p>
        )}
        <TextField
          type="password"
          label={
            profile.source === 'vendor'
              ? t('secretLabelVendor')
              : profile.accessKeyId.trim() === ''
                ? t('secretLabelKey')
                : t('secretLabelKeyFor', { accessKeyId: profile.accessKeyId.trim() })
          }
          value={secret}
          onChange={setSecret}
          help={keychainReachable === false ? '' : t('setupSecretHelp')}
          testId="setup-secret"
        />
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('setupFolder')}</legend>
        <FolderFields
          draft={{ ...folder, profile: profile.id }}
          index={base.folders.length}
          errors={errors}
          profileIds={[profile.id]}
          onChange={setFolder}
          testPrefix="setup"
          essentialsOnly
        />
      </fieldset>
      <div className="form__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={saving.saving}
          data-testid="setup-save"
        >
          {saving.saving ? t('saving') : t('setupSave')}
        </button>
      </div>
    </form>
  );
}
