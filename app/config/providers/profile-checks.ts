import type { z } from 'zod';

import { validateRoleSessionName, validateSessionPolicy } from '../../credentials/sts-limits.js';
import { isSyncError } from '../../errors/sync-error.js';
import { issueParams } from '../config-issue.js';
import { bucketNameProblem, describeBucketRules } from './bucket-name-rules.js';
import { presetFor, type ProviderName, type ProviderPreset } from './provider-presets.js';

type Path = (string | number)[];

/** Runs one of our validators (which throw SyncError) inside zod, keeping its message. */
export function check(validate: () => unknown, ctx: z.RefinementCtx, path: Path): void {
  try {
    validate();
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: isSyncError(error) ? error.message : String(error),
      path,
    });
  }
}

/** What the provider checks read of a profile (the parsed profile, before defaults of presets). */
export interface ProfileFacts {
  readonly provider: ProviderName;
  readonly endpoint?: string | undefined;
  readonly credentials:
    | {
        readonly source: 'assume-role' | 'aliyun-sts';
        readonly roleSessionName?: string | undefined;
        readonly durationSeconds: number;
        readonly minDurationSeconds: number;
        readonly maxDurationSeconds: number;
        readonly policy: string;
      }
    | { readonly source: 'vendor' };
}

/**
 * The provider's rules for a profile: which credential sources fit, whether an endpoint is
 * needed, and AssumeRole's RoleSessionName, DurationSeconds and policy as that STS checks them.
 * Every issue names the field and the provider's rule.
 */
export function checkProfileForProvider(profile: ProfileFacts, ctx: z.RefinementCtx): void {
  const preset = presetFor(profile.provider);
  const credentials = profile.credentials;
  if (!preset.credentialSources.includes(credentials.source)) {
    ctx.addIssue({
      code: 'custom',
      message:
        preset.api === 'oss'
          ? 'OSS needs Alibaba STS tokens: use source aliyun-sts (or a vendor backend)'
          : `aliyun-sts tokens only work with OSS: set provider: aliyun-oss, or use assume-role (provider ${preset.id} takes ${preset.credentialSources.join(' or ')})`,
      path: ['credentials', 'source'],
      params:
        preset.api === 'oss'
          ? issueParams('oss-needs-aliyun-sts', { provider: preset.id })
          : issueParams('aliyun-sts-needs-oss', {
              provider: preset.id,
              sources: preset.credentialSources.join(', '),
            }),
    });
  }
  if (preset.endpointRequired && profile.endpoint === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `required for provider ${profile.provider} (${preset.label} has no public default), e.g. ${preset.endpointExample}`,
      path: ['endpoint'],
      params: issueParams('endpoint-required', {
        provider: profile.provider,
        example: preset.endpointExample,
      }),
    });
  }
  if (credentials.source !== 'vendor') checkRoleRequest(credentials, ctx, preset);
}

function checkRoleRequest(
  value: Extract<ProfileFacts['credentials'], { source: 'assume-role' | 'aliyun-sts' }>,
  ctx: z.RefinementCtx,
  preset: ProviderPreset,
): void {
  const at = (field: string): Path => ['credentials', field];
  const sts = preset.sts;
  if (value.roleSessionName !== undefined) {
    const name = value.roleSessionName;
    check(() => validateRoleSessionName(name, sts.sessionName), ctx, at('roleSessionName'));
  }
  if (sts.hardMaxSeconds !== undefined && value.maxDurationSeconds > sts.hardMaxSeconds) {
    ctx.addIssue({
      code: 'custom',
      message: `${value.maxDurationSeconds} is above ${sts.hardMaxSeconds}, the most ${preset.label} STS allows for any role`,
      path: at('maxDurationSeconds'),
      params: issueParams('duration-above-provider-max', {
        value: value.maxDurationSeconds,
        maximum: sts.hardMaxSeconds,
        provider: preset.label,
      }),
    });
  }
  if (value.minDurationSeconds > value.maxDurationSeconds) {
    ctx.addIssue({
      code: 'custom',
      message: 'must not exceed maxDurationSeconds',
      path: at('minDurationSeconds'),
      params: issueParams('min-above-max'),
    });
  } else if (
    value.durationSeconds < value.minDurationSeconds ||
    value.durationSeconds > value.maxDurationSeconds
  ) {
    ctx.addIssue({
      code: 'custom',
      message: `${value.durationSeconds} is outside ${value.minDurationSeconds}–${value.maxDurationSeconds} (set minDurationSeconds/maxDurationSeconds if your provider allows other limits)`,
      path: at('durationSeconds'),
      params: issueParams('duration-out-of-range', {
        value: value.durationSeconds,
        minimum: value.minDurationSeconds,
        maximum: value.maxDurationSeconds,
      }),
    });
  }
  if (value.policy !== 'auto') {
    check(
      () => validateSessionPolicy(value.policy, sts.policyVersion, sts.policyMaxLength),
      ctx,
      at('policy'),
    );
  }
}

/** A folder's bucket name against its profile's provider (the folder itself has no provider). */
export function checkFolderBucket(
  bucket: string,
  provider: ProviderName,
  ctx: z.RefinementCtx,
  path: Path,
): void {
  const preset = presetFor(provider);
  const problem = bucketNameProblem(bucket, preset.bucket);
  if (problem === undefined) return;
  ctx.addIssue({
    code: 'custom',
    message: `must be ${describeBucketRules(preset.bucket)} (${preset.label} rule); ${problem}`,
    path,
  });
}

/** `forcePathStyle` as written, or the preset's default (Ceph and MinIO: path style). */
export function forcePathStyleFor(profile: {
  readonly provider: ProviderName;
  readonly forcePathStyle?: boolean | undefined;
}): boolean {
  return profile.forcePathStyle ?? presetFor(profile.provider).forcePathStyle;
}
