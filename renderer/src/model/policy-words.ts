import type { FolderPolicyView, PolicyAbility } from '../../../app/credentials/policy-summary.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Translator } from '../i18n/translate.js';

const ABILITY: Record<PolicyAbility, MessageKey> = {
  upload: 'policyUpload',
  read: 'policyRead',
  delete: 'policyDelete',
  list: 'policyList',
};

/** "upload and overwrite, read and list" in the current language. */
function listOf(t: Translator['t'], abilities: readonly PolicyAbility[], last: MessageKey): string {
  const words = abilities.map((ability) => t(ABILITY[ability]));
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(t('policyComma'))}${t(last)}${words.at(-1) ?? ''}`;
}

/**
 * What a folder's token may do there, as one sentence in the UI's language, from the structure
 * main sent (app/credentials/policy-summary.ts; the CLI words the same structure in English),
 * plus the notes (custom policy, summarised).
 */
export function policySentence(
  t: Translator['t'],
  policy: FolderPolicyView,
): { readonly sentence: string; readonly notes: readonly string[] } {
  if (policy.kind === 'none') return { sentence: t('policyNone'), notes: [] };
  const where =
    policy.prefix === ''
      ? t('policyWhereBucket', { bucket: policy.bucket })
      : t('policyWherePrefix', { bucket: policy.bucket, prefix: policy.prefix });
  const may =
    policy.may.length === 0
      ? t('policyNothing', { where })
      : t('policyMay', { actions: listOf(t, policy.may, 'policyAnd'), where });
  const sentence =
    policy.mayNot.length === 0
      ? may
      : t('policyJoin', {
          may,
          mayNot: t('policyMayNot', { actions: listOf(t, policy.mayNot, 'policyOr') }),
        });
  const notes = [
    ...(policy.kind === 'custom' ? [t('policyCustom')] : []),
    ...(policy.approximate ? [t('policyApproximate')] : []),
  ];
  return { sentence, notes };
}
