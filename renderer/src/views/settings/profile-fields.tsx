import type { FieldError } from '../../model/config-errors.js';
import { errorAt } from '../../model/config-errors.js';
import type { ProfileDraft } from '../../model/config-draft.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { CheckboxField, SelectField, TextField } from './fields.js';

interface ProfileFieldsProps {
  readonly draft: ProfileDraft;
  readonly index: number;
  readonly errors: readonly FieldError[];
  readonly onChange: (draft: ProfileDraft) => void;
  /** Prefix for data-testid of the inputs ("setup" or "profile-0"). */
  readonly testPrefix: string;
}

/** A storage profile: the provider, the endpoint, and where its temporary tokens come from. */
export function ProfileFields({ draft, index, errors, onChange, testPrefix }: ProfileFieldsProps) {
  const { t } = useI18n();
  const at = (key: string) => errorAt(errors, `profiles[${index}].${key}`);
  const set = (patch: Partial<ProfileDraft>) => onChange({ ...draft, ...patch });

  return (
    <div className="field-grid">
      <TextField
        label={t('fieldProfileId')}
        value={draft.id}
        onChange={(id) => set({ id })}
        error={at('id')}
        help={t('fieldIdHelp')}
        required
        testId={`${testPrefix}-profile-id`}
      />
      <SelectField
        label={t('fieldProvider')}
        value={draft.provider}
        options={[
          { value: 's3', label: t('providerS3') },
          { value: 'oss', label: t('providerOss') },
        ]}
        onChange={(provider) =>
          set({
            provider,
            // Each provider has one STS flavour; a vendor backend works with both.
            source:
              draft.source === 'vendor'
                ? 'vendor'
                : provider === 'oss'
                  ? 'aliyun-sts'
                  : 'assume-role',
          })
        }
        error={at('provider')}
        testId={`${testPrefix}-provider`}
      />
      <TextField
        label={t('fieldEndpoint')}
        value={draft.endpoint}
        onChange={(endpoint) => set({ endpoint })}
        error={at('endpoint')}
        help={draft.provider === 'oss' ? t('fieldEndpointHelpOss') : t('fieldEndpointHelpS3')}
        placeholder="https://"
        mono
        testId={`${testPrefix}-endpoint`}
      />
      <TextField
        label={t('fieldRegion')}
        value={draft.region}
        onChange={(region) => set({ region })}
        error={at('region')}
        placeholder={draft.provider === 'oss' ? 'oss-cn-hangzhou' : 'us-east-1'}
        mono
        testId={`${testPrefix}-region`}
      />
      {draft.provider === 's3' && (
        <CheckboxField
          label={t('fieldForcePathStyle')}
          checked={draft.forcePathStyle}
          onChange={(forcePathStyle) => set({ forcePathStyle })}
          help={t('fieldForcePathStyleHelp')}
          testId={`${testPrefix}-force-path-style`}
        />
      )}
      <SelectField
        label={t('fieldSource')}
        value={draft.source}
        options={[
          draft.provider === 'oss'
            ? { value: 'aliyun-sts', label: t('sourceAliyunSts') }
            : { value: 'assume-role', label: t('sourceAssumeRole') },
          { value: 'vendor', label: t('sourceVendor') },
        ]}
        onChange={(source) => set({ source })}
        error={at('credentials.source')}
        testId={`${testPrefix}-source`}
      />
      {draft.source === 'vendor' ? (
        <TextField
          label={t('fieldVendorUrl')}
          value={draft.url}
          onChange={(url) => set({ url })}
          error={at('credentials.url')}
          help={t('fieldVendorUrlHelp')}
          placeholder="https://"
          mono
          required
          testId={`${testPrefix}-url`}
        />
      ) : (
        <>
          <TextField
            label={t('fieldRoleArn')}
            value={draft.roleArn}
            onChange={(roleArn) => set({ roleArn })}
            error={at('credentials.roleArn')}
            placeholder={
              draft.source === 'aliyun-sts'
                ? 'acs:ram::1234567890123456:role/ferry'
                : 'arn:aws:iam::123456789012:role/ferry'
            }
            mono
            required
            testId={`${testPrefix}-role-arn`}
          />
          <TextField
            label={t('fieldAccessKeyId')}
            value={draft.accessKeyId}
            onChange={(accessKeyId) => set({ accessKeyId })}
            error={at('credentials.accessKeyId')}
            help={t('fieldAccessKeyIdHelp')}
            mono
            required
            testId={`${testPrefix}-access-key-id`}
          />
        </>
      )}
    </div>
  );
}
