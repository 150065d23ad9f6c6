import { secretEnvName } from '../../../../app/credentials/secret-env-name.js';
import type { ProfileView } from '../../../../app/ipc/views.js';
import type { Translator } from '../../i18n/translate.js';

/**
 * Where the profile's secret comes from, in words (issue 12: a FERRY_SECRET_ variable was shown
 * as "Stored in the keychain"). Names the exact variable for this profile.
 */
export function secretOriginText(t: Translator['t'], profile: ProfileView): string {
  const name = secretEnvName(profile.id);
  switch (profile.secretOrigin) {
    case 'environment':
      return t('secretFromEnv', { name });
    case 'memory':
      return t('secretInMemory', { name });
    case 'keychain':
      return t('secretStored');
    case 'none':
      return t('secretMissing');
    default:
      // An older host without origins: what it says about the keychain.
      return profile.secretStored === true
        ? t('secretStored')
        : profile.secretStored === false
          ? t('secretMissing')
          : t('secretUnknown');
  }
}

/**
 * The secret field's placeholder: a secret set by FERRY_SECRET_<ID> showed as an empty field
 * with a dim Store button, as if there were none (screenshot review, issue 13). The field stays
 * usable: what is stored there is kept for when the variable is gone.
 */
export function secretPlaceholder(t: Translator['t'], profile: ProfileView): string | undefined {
  return profile.secretOrigin === 'environment'
    ? t('secretSetByEnv', { name: secretEnvName(profile.id) })
    : undefined;
}
