import { hostname, userInfo } from 'node:os';

import {
  isOssProvider,
  presetFor,
  signingRegions,
  type ProviderName,
} from '../../app/config/providers/provider-presets.js';
import type { FerryConfig, ProfileConfig } from '../../app/config/schema.js';
import { CredentialBroker } from '../../app/credentials/credential-broker.js';
import {
  OSS_RAM_POLICY,
  S3_POLICY,
  sessionPolicyText,
  type FolderGrant,
} from '../../app/credentials/session-policy.js';
import { toRoleSessionName, validateSessionPolicy } from '../../app/credentials/sts-limits.js';
import type { SecretRegistry } from '../../app/logging/redact.js';
import type { Clock } from '../../app/ports/clock.js';
import type { CredentialSource } from '../../app/ports/credential-source.js';
import type { Logger } from '../../app/ports/logger.js';
import type { SecretStore } from '../../app/ports/secret-store.js';
import { ALIYUN_STS_ENDPOINT, createAliyunStsSource } from '../adapters/sts/aliyun-sts-source.js';
import { createAssumeRoleSource } from '../adapters/sts/assume-role-source.js';
import { withSecretOriginHints } from '../adapters/sts/secret-origin-hints.js';
import { createVendorSource } from '../adapters/sts/vendor-source.js';
import { proxiedFetch, sdkAgents } from '../adapters/network/proxy-agents.js';
import type { ProxySettings } from '../../app/network/proxy-rules.js';

/** What each of a profile's folders needs, for the automatic session policy. */
export function folderGrants(config: FerryConfig, profileId: string): FolderGrant[] {
  return config.folders
    .filter((folder) => folder.profile === profileId)
    .map((folder) => ({
      bucket: folder.bucket,
      prefix: folder.prefix,
      mode: folder.mode,
      list: folder.remoteListing,
    }));
}

/**
 * The session policy a profile asks for: the narrowest for its folders, or the configured one.
 * In the provider's policy language (IAM for S3, RAM for OSS). A vendor profile without folders
 * sends none and leaves the choice to its backend; a role-assuming profile without folders is
 * refused (STS would grant the role's full rights).
 */
export function profileSessionPolicy(
  config: FerryConfig,
  profile: ProfileConfig,
): string | undefined {
  const credentials = profile.credentials;
  const dialect = isOssProvider(profile.provider) ? OSS_RAM_POLICY : S3_POLICY;
  if (credentials.source !== 'vendor' && credentials.policy !== 'auto') {
    return validateSessionPolicy(
      credentials.policy,
      dialect.version,
      presetFor(profile.provider).sts.policyMaxLength,
    );
  }
  const grants = folderGrants(config, profile.id);
  if (credentials.source === 'vendor' && grants.length === 0) return undefined;
  return sessionPolicyText(grants, dialect);
}

/** "ferry-alice-laptop": who is asking, visible in the provider's audit logs; in the
 *  characters the provider's STS accepts (Alibaba refuses + = ,). */
export function defaultRoleSessionName(provider: ProviderName = 's3'): string {
  let user = 'user';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (containers): keep the generic name
  }
  return toRoleSessionName(`ferry-${user}-${hostname()}`, presetFor(provider).sts.sessionName);
}

export interface ProfileSourceDependencies {
  readonly secrets: SecretStore;
  readonly clock: Clock;
  /** Proxy settings for STS and vendor calls; none means direct connections. */
  readonly proxy?: ProxySettings;
}

/**
 * A profile's token provider: the broker over its credential source. Every token it is handed
 * is remembered in `registry` first, so exact secrets are scrubbed from every log line,
 * whatever pattern they have.
 */
export function createProfileBroker(
  config: FerryConfig,
  profile: ProfileConfig,
  dependencies: ProfileSourceDependencies & {
    readonly registry: SecretRegistry;
    readonly logger: Logger;
  },
): CredentialBroker {
  const source = createProfileCredentialSource(config, profile, dependencies);
  const { registry } = dependencies;
  const remembering: CredentialSource = async () => {
    const token = await source();
    registry.remember(token.secretAccessKey);
    registry.remember(token.sessionToken);
    return token;
  };
  return new CredentialBroker({
    label: profile.id,
    source: remembering,
    clock: dependencies.clock,
    logger: dependencies.logger,
  });
}

/** The credential source a profile's `credentials.source` names; a wrong secret's hint says
 *  where that secret came from (secret-origin-hints.ts). */
export function createProfileCredentialSource(
  config: FerryConfig,
  profile: ProfileConfig,
  dependencies: ProfileSourceDependencies,
): CredentialSource {
  return withSecretOriginHints(
    sourceOf(config, profile, dependencies),
    profile.id,
    dependencies.secrets,
  );
}

function sourceOf(
  config: FerryConfig,
  profile: ProfileConfig,
  dependencies: ProfileSourceDependencies,
): CredentialSource {
  const policy = profileSessionPolicy(config, profile);
  const credentials = profile.credentials;
  switch (credentials.source) {
    case 'assume-role': {
      const endpoint = credentials.stsEndpoint ?? profile.endpoint;
      return createAssumeRoleSource({
        profileId: profile.id,
        endpoint,
        region: signingRegions({ ...profile, stsRegion: credentials.stsRegion }).sts,
        accessKeyId: credentials.accessKeyId,
        roleArn: credentials.roleArn,
        roleSessionName: credentials.roleSessionName ?? defaultRoleSessionName(profile.provider),
        durationSeconds: credentials.durationSeconds,
        policy,
        secrets: dependencies.secrets,
        ...(dependencies.proxy ? { agents: sdkAgents(endpoint, dependencies.proxy, 4) } : {}),
      });
    }
    case 'aliyun-sts':
      return createAliyunStsSource({
        profileId: profile.id,
        endpoint: credentials.stsEndpoint,
        accessKeyId: credentials.accessKeyId,
        roleArn: credentials.roleArn,
        roleSessionName: credentials.roleSessionName ?? defaultRoleSessionName(profile.provider),
        durationSeconds: credentials.durationSeconds,
        policy,
        secrets: dependencies.secrets,
        clock: dependencies.clock,
        ...(dependencies.proxy
          ? {
              agents: sdkAgents(
                credentials.stsEndpoint ?? ALIYUN_STS_ENDPOINT,
                dependencies.proxy,
                4,
              ),
            }
          : {}),
      });
    case 'vendor':
      return createVendorSource({
        profileId: profile.id,
        url: credentials.url,
        timeoutMs: credentials.timeoutSeconds * 1000,
        policy,
        secrets: dependencies.secrets,
        clock: dependencies.clock,
        ...(dependencies.proxy ? { fetch: proxiedFetch(dependencies.proxy) } : {}),
      });
  }
}
