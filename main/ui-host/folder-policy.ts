import type { FerryConfig } from '../../app/config/schema.js';
import {
  folderPolicy,
  summarisePolicy,
  type FolderPolicyView,
} from '../../app/credentials/policy-summary.js';
import { profileSessionPolicy } from '../compose/profile-sources.js';

/**
 * What a folder's token may do there, from the session policy its profile sends (the same text
 * the credential source gives STS), as a structure the UI words per language. null when the
 * policy cannot be built (the config error says why).
 */
export function folderPolicyOf(config: FerryConfig, folderId: string): FolderPolicyView | null {
  const folder = config.folders.find((f) => f.id === folderId);
  const profile = config.profiles.find((p) => p.id === folder?.profile);
  if (!folder || !profile) return null;
  const credentials = profile.credentials;
  const custom = credentials.source !== 'vendor' && credentials.policy !== 'auto';
  try {
    const text = profileSessionPolicy(config, profile);
    return folderPolicy(summarisePolicy(text, custom ? 'custom' : 'auto'), folder);
  } catch {
    return null;
  }
}
