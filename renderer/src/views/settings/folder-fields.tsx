import type { FieldError } from '../../model/config-errors.js';
import { errorAt } from '../../model/config-errors.js';
import type { FolderDraft } from '../../model/config-draft.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { CheckboxField, SelectField, TextAreaField, TextField } from './fields.js';
import { FolderPathField } from './folder-path-field.js';

interface FolderFieldsProps {
  readonly draft: FolderDraft;
  readonly index: number;
  readonly errors: readonly FieldError[];
  readonly profileIds: readonly string[];
  readonly onChange: (draft: FolderDraft) => void;
  readonly testPrefix: string;
  /** The first-run setup asks the essentials only; ignore patterns and the rest come later. */
  readonly essentialsOnly?: boolean;
}

/** A synced folder: the local path, its bucket and prefix, the mode and its options. */
export function FolderFields(props: FolderFieldsProps) {
  const { draft, index, errors, profileIds, onChange, testPrefix, essentialsOnly } = props;
  const { t } = useI18n();
  const at = (key: string) => errorAt(errors, `folders[${index}].${key}`);
  const set = (patch: Partial<FolderDraft>) => onChange({ ...draft, ...patch });
  const profiles = profileIds.includes(draft.profile) ? profileIds : [draft.profile, ...profileIds];

  return (
    <div className="field-grid">
      <TextField
        label={t('fieldFolderId')}
        value={draft.id}
        onChange={(id) => set({ id })}
        error={at('id')}
        help={t('fieldIdHelp')}
        required
        testId={`${testPrefix}-folder-id`}
      />
      <FolderPathField
        label={t('fieldPath')}
        value={draft.path}
        onChange={(path) => set({ path })}
        error={at('path')}
        testId={`${testPrefix}-path`}
      />
      {profileIds.length > 1 || !profileIds.includes(draft.profile) ? (
        <SelectField
          label={t('fieldFolderProfile')}
          value={draft.profile}
          options={profiles.map((id) => ({ value: id, label: id || '—' }))}
          onChange={(profile) => set({ profile })}
          error={at('profile')}
          testId={`${testPrefix}-folder-profile`}
        />
      ) : null}
      <TextField
        label={t('fieldBucket')}
        value={draft.bucket}
        onChange={(bucket) => set({ bucket })}
        error={at('bucket')}
        mono
        required
        testId={`${testPrefix}-bucket`}
      />
      <TextField
        label={t('fieldPrefix')}
        value={draft.prefix}
        onChange={(prefix) => set({ prefix })}
        error={at('prefix')}
        help={t('fieldPrefixHelp')}
        placeholder="backup/laptop/"
        mono
        testId={`${testPrefix}-prefix`}
      />
      <SelectField
        label={t('fieldMode')}
        value={draft.mode}
        options={[
          { value: 'upload', label: t('folderModeUpload') },
          { value: 'mirror', label: t('folderModeMirror') },
        ]}
        onChange={(mode) => set({ mode })}
        error={at('mode')}
        help={draft.mode === 'mirror' ? t('fieldModeMirrorHelp') : t('fieldModeUploadHelp')}
        testId={`${testPrefix}-mode`}
      />
      {!essentialsOnly && draft.mode === 'mirror' && (
        <TextField
          label={t('fieldDeleteDelay')}
          value={draft.deleteDelaySeconds}
          onChange={(deleteDelaySeconds) => set({ deleteDelaySeconds })}
          error={at('deleteDelaySeconds')}
          help={t('fieldDeleteDelayHelp')}
          placeholder="60"
          inputMode="numeric"
          testId={`${testPrefix}-delete-delay`}
        />
      )}
      {!essentialsOnly && (
        <>
          <TextAreaField
            label={t('fieldIgnore')}
            value={draft.ignore}
            onChange={(ignore) => set({ ignore })}
            error={at('ignore')}
            help={t('fieldIgnoreHelp')}
            placeholder={'*.tmp\nnode_modules/'}
            testId={`${testPrefix}-ignore`}
          />
          <CheckboxField
            label={t('fieldRemoteListing')}
            checked={draft.remoteListing}
            onChange={(remoteListing) => set({ remoteListing })}
            help={at('remoteListing') ?? t('fieldRemoteListingHelp')}
            testId={`${testPrefix}-remote-listing`}
          />
        </>
      )}
    </div>
  );
}
