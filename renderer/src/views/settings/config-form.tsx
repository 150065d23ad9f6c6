import type { FieldError } from '../../model/config-errors.js';
import {
  emptyFolderDraft,
  emptyProfileDraft,
  type ConfigDraft,
  type FolderDraft,
  type ProfileDraft,
} from '../../model/config-draft.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { FolderFields } from './folder-fields.js';
import { ProfileFields } from './profile-fields.js';
import { TransfersFields } from './transfers-fields.js';

interface ConfigFormProps {
  readonly draft: ConfigDraft;
  readonly errors: readonly FieldError[];
  readonly onChange: (draft: ConfigDraft) => void;
}

const replaceAt = <T,>(items: readonly T[], index: number, item: T): T[] =>
  items.map((current, position) => (position === index ? item : current));

/** Profiles, folders and transfer settings of the config, as forms. */
export function ConfigForm({ draft, errors, onChange }: ConfigFormProps) {
  const { t } = useI18n();
  const profileIds = draft.profiles.map((profile) => profile.id);
  const setProfiles = (profiles: readonly ProfileDraft[]) => onChange({ ...draft, profiles });
  const setFolders = (folders: readonly FolderDraft[]) => onChange({ ...draft, folders });

  return (
    <>
      <section className="settings-section" aria-labelledby="config-folders">
        <h3 id="config-folders">{t('settingsFolders')}</h3>
        {draft.folders.map((folder, index) => (
          <fieldset key={index} className="fieldset">
            <legend>{folder.id || t('newFolder')}</legend>
            <FolderFields
              draft={folder}
              index={index}
              errors={errors}
              profileIds={profileIds}
              onChange={(next) => setFolders(replaceAt(draft.folders, index, next))}
              testPrefix={`folder-${index}`}
            />
            <button
              type="button"
              className="button button--danger button--small"
              onClick={() => setFolders(draft.folders.filter((_, position) => position !== index))}
            >
              {t('removeFolder', { folder: folder.id || t('newFolder') })}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="button"
          data-testid="add-folder"
          onClick={() =>
            setFolders([
              ...draft.folders,
              emptyFolderDraft(profileIds[0] ?? '', `folder-${draft.folders.length + 1}`),
            ])
          }
        >
          + {t('addFolder')}
        </button>
      </section>

      <section className="settings-section" aria-labelledby="config-profiles">
        <h3 id="config-profiles">{t('settingsProfiles')}</h3>
        {draft.profiles.map((profile, index) => (
          <fieldset key={index} className="fieldset">
            <legend>{profile.id || t('newProfile')}</legend>
            <ProfileFields
              draft={profile}
              index={index}
              errors={errors}
              onChange={(next) => setProfiles(replaceAt(draft.profiles, index, next))}
              testPrefix={`profile-${index}`}
            />
            <button
              type="button"
              className="button button--danger button--small"
              onClick={() =>
                setProfiles(draft.profiles.filter((_, position) => position !== index))
              }
            >
              {t('removeProfile', { profile: profile.id || t('newProfile') })}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="button"
          onClick={() =>
            setProfiles([
              ...draft.profiles,
              emptyProfileDraft(`profile-${draft.profiles.length + 1}`),
            ])
          }
        >
          + {t('addProfile')}
        </button>
      </section>

      <section className="settings-section" aria-labelledby="config-transfers">
        <h3 id="config-transfers">{t('settingsTransfers')}</h3>
        <TransfersFields
          draft={draft.transfers}
          errors={errors}
          onChange={(transfers) => onChange({ ...draft, transfers })}
        />
      </section>
    </>
  );
}
