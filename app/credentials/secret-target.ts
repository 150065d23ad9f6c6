import type { ProfileConfig } from '../config/schema.js';
import type { SecretTarget, StoredSecret } from '../ports/secret-store.js';

/** app/ is neither node nor DOM, so it has no URL type; the global exists in both runtimes. */
declare const URL: new (input: string) => { readonly href: string };

/** "https://STS.example.com" and "https://sts.example.com/" are one target; unparsable text is
 *  kept as written (it only has to compare equal to itself). */
function normaliseEndpoint(endpoint: string | undefined): string {
  if (endpoint === undefined || endpoint.trim() === '') return 'default';
  try {
    return new URL(endpoint.trim()).href;
  } catch {
    return endpoint.trim();
  }
}

/** The `assume-role` source signs AssumeRole for this key at this STS endpoint (undefined: AWS). */
export function assumeRoleTarget(accessKeyId: string, endpoint: string | undefined): SecretTarget {
  return { source: 'assume-role', accessKeyId, endpoint: normaliseEndpoint(endpoint) };
}

/** The `aliyun-sts` source signs AssumeRole for this key at this endpoint (undefined: Alibaba's). */
export function aliyunStsTarget(accessKeyId: string, endpoint: string | undefined): SecretTarget {
  return { source: 'aliyun-sts', accessKeyId, endpoint: normaliseEndpoint(endpoint) };
}

/** The `vendor` source sends the bearer token to this URL. */
export function vendorTarget(url: string): SecretTarget {
  return { source: 'vendor', accessKeyId: null, endpoint: normaliseEndpoint(url) };
}

/**
 * The target of a profile as configured. Must match what the credential sources compute from
 * their own options (main/compose/profile-sources.ts passes `stsEndpoint ?? endpoint`
 * to assume-role, `stsEndpoint` to aliyun-sts, `url` to vendor); a test holds them together.
 */
export function secretTargetOf(profile: ProfileConfig): SecretTarget {
  const credentials = profile.credentials;
  switch (credentials.source) {
    case 'assume-role':
      return assumeRoleTarget(credentials.accessKeyId, credentials.stsEndpoint ?? profile.endpoint);
    case 'aliyun-sts':
      return aliyunStsTarget(credentials.accessKeyId, credentials.stsEndpoint);
    case 'vendor':
      return vendorTarget(credentials.url);
  }
}

/** The parts of a target that differ (for a message that names them, not their values). */
export function targetChanges(stored: SecretTarget, wanted: SecretTarget): string[] {
  const changes: string[] = [];
  if (stored.source !== wanted.source) changes.push('credential source');
  if (stored.accessKeyId !== wanted.accessKeyId) changes.push('access key id');
  if (stored.endpoint !== wanted.endpoint) {
    changes.push(wanted.source === 'vendor' ? 'token URL' : 'STS endpoint');
  }
  return changes;
}

/**
 * Whether a stored secret may be sent to `wanted`:
 * - `usable`: bound to exactly this target;
 * - `bind-first`: not bound yet and may be bound to this target now (its first use);
 * - `other-target`: bound to another target: the user must enter it again;
 * - `unbound-vendor`: a keychain entry from before Ferry bound secrets, wanted by a vendor
 *   source. Such an entry may be a sub-account secret key, and nothing tells whether the
 *   vendor URL is the one the user meant: sending it as a Bearer token could hand the key to
 *   whoever wrote the URL. A role-assuming source only signs with it (the key itself never
 *   travels), so there the entry is bound at its first use instead.
 * A FERRY_SECRET_<ID> variable is bound at its first use whatever the source: whoever sets the
 * process environment also chose the config it runs with.
 */
export function secretUse(
  stored: StoredSecret,
  wanted: SecretTarget,
): 'usable' | 'bind-first' | 'other-target' | 'unbound-vendor' {
  if (stored.target === null) {
    return stored.origin === 'keychain' && wanted.source === 'vendor'
      ? 'unbound-vendor'
      : 'bind-first';
  }
  return targetChanges(stored.target, wanted).length === 0 ? 'usable' : 'other-target';
}
