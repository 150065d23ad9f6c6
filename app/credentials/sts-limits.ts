import { SyncError } from '../errors/sync-error.js';

/** Limits of AssumeRole from the seeds (CTyun's guide, AWS): checked before any network call so
 *  the user gets a precise message instead of STS's bare HTTP 400. The per-provider choice of
 *  these rules lives in app/config/providers/provider-presets.ts. */
export const POLICY_MAX_LENGTH = 2048;
export const POLICY_VERSION = '2012-10-17';
/** Alibaba RAM policies (OSS). */
export const RAM_POLICY_VERSION = '1';
export const ROLE_SESSION_NAME_MIN = 2;
export const ROLE_SESSION_NAME_MAX = 64;

/** Which RoleSessionName an STS accepts: its length and its characters. */
export interface SessionNameRules {
  readonly min: number;
  readonly max: number;
  /** Tests one character. */
  readonly char: RegExp;
  /** The allowed characters, for messages ("letters, digits and + = , . @ _ -"). */
  readonly allowed: string;
}

/** AWS STS AssumeRole: 2–64 of `[\w+=,.@-]` (AWS STS API reference, AssumeRole, RoleSessionName;
 *  read 2026-11-30). CTyun, Ceph and MinIO take the AWS request through the AWS SDK. */
export const AWS_SESSION_NAME: SessionNameRules = {
  min: ROLE_SESSION_NAME_MIN,
  max: ROLE_SESSION_NAME_MAX,
  char: /^[\w+=,.@-]$/,
  allowed: 'letters, digits and + = , . @ _ -',
};

/** Alibaba STS AssumeRole: 2–64 of letters, digits, `.`, `@`, `-`, `_` — no `+ = ,` (Alibaba
 *  "AssumeRole" API doc, RoleSessionName; @alicloud/sts20150401 model; read 2026-11-30). */
export const ALIBABA_SESSION_NAME: SessionNameRules = {
  min: ROLE_SESSION_NAME_MIN,
  max: ROLE_SESSION_NAME_MAX,
  char: /^[\w.@-]$/,
  allowed: 'letters, digits and . @ _ -',
};

export interface DurationLimits {
  readonly minSeconds: number;
  readonly maxSeconds: number;
}

/** AWS and CTyun: 15 minutes to 12 hours. Ceph RGW caps at the role's max session (3600 by
 *  default); a provider-specific cap is configured per profile. */
export const DEFAULT_DURATION_LIMITS: DurationLimits = { minSeconds: 900, maxSeconds: 43_200 };

function invalid(message: string, hint: string): SyncError {
  return new SyncError('policy-invalid', 'fatal', message, { hint });
}

export function validateRoleSessionName(
  name: string,
  rules: SessionNameRules = AWS_SESSION_NAME,
): string {
  const length = [...name].length;
  if (length < rules.min || length > rules.max) {
    throw invalid(
      `RoleSessionName must be ${rules.min}–${rules.max} characters; "${name}" has ${length}.`,
      'Set credentials.roleSessionName to a name such as "alice-laptop".',
    );
  }
  const bad = [...name].find((c) => !rules.char.test(c));
  if (bad !== undefined) {
    throw invalid(
      `RoleSessionName "${name}" contains "${bad}"; only ${rules.allowed} are allowed.`,
      'Replace spaces and other characters in credentials.roleSessionName with "-".',
    );
  }
  return name;
}

/** Turns any text into a valid RoleSessionName (used for the default derived from host/user). */
export function toRoleSessionName(
  text: string,
  rules: SessionNameRules = AWS_SESSION_NAME,
): string {
  const cleaned = [...text]
    .map((c) => (rules.char.test(c) ? c : '-'))
    .join('')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  const padded = cleaned.length >= rules.min ? cleaned : `ferry-${cleaned}`.replace(/-$/, '');
  return padded.slice(0, rules.max);
}

export function validateDurationSeconds(
  seconds: number,
  limits: DurationLimits = DEFAULT_DURATION_LIMITS,
): number {
  if (!Number.isInteger(seconds)) {
    throw invalid(
      `DurationSeconds must be a whole number of seconds, not ${seconds}.`,
      'Use e.g. 3600.',
    );
  }
  if (seconds < limits.minSeconds || seconds > limits.maxSeconds) {
    throw invalid(
      `DurationSeconds ${seconds} is outside ${limits.minSeconds}–${limits.maxSeconds} allowed for this provider.`,
      `Set credentials.durationSeconds between ${limits.minSeconds} and ${limits.maxSeconds} (3600 is a good default).`,
    );
  }
  return seconds;
}

/**
 * Checks a session policy document as STS will: 1–2048 characters as sent, valid JSON, Version
 * exactly "2012-10-17" (AWS, CTyun, Ceph) or "1" (Alibaba RAM, for OSS), at least one statement
 * with Effect, Action and Resource. Returns the minified text to send.
 */
export function validateSessionPolicy(
  text: string,
  version: string = POLICY_VERSION,
  maxLength: number = POLICY_MAX_LENGTH,
): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalid(
      `The session policy is not valid JSON (${error instanceof Error ? error.message : 'parse error'}).`,
      'Use policy: auto, or paste a JSON policy document.',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalid(
      'The session policy must be a JSON object.',
      'Use policy: auto, or a {"Version": …, "Statement": …} object.',
    );
  }
  const document = parsed as Record<string, unknown>;
  if (document['Version'] !== version) {
    throw invalid(
      `The session policy's Version must be exactly "${version}", not ${JSON.stringify(document['Version'])}.`,
      version === POLICY_VERSION
        ? 'This is the policy language version, not a date to change. (OSS RAM policies use "1" instead.)'
        : 'Alibaba RAM policies use "Version": "1".',
    );
  }
  const statements = Array.isArray(document['Statement'])
    ? document['Statement']
    : [document['Statement']];
  if (document['Statement'] === undefined || statements.length === 0) {
    throw invalid(
      'The session policy has no Statement.',
      'Add at least one statement with Effect, Action and Resource.',
    );
  }
  statements.forEach((statement, index) => {
    const where = `Statement[${index}]`;
    if (typeof statement !== 'object' || statement === null) {
      throw invalid(
        `${where} of the session policy is not an object.`,
        'Each statement is an object with Effect, Action and Resource.',
      );
    }
    const fields = statement as Record<string, unknown>;
    if (fields['Effect'] !== 'Allow' && fields['Effect'] !== 'Deny') {
      throw invalid(
        `${where}.Effect must be "Allow" or "Deny".`,
        'Session policies usually use "Allow".',
      );
    }
    for (const key of ['Action', 'Resource'] as const) {
      const value = fields[key];
      const ok =
        typeof value === 'string' ||
        (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'));
      if (!ok) {
        throw invalid(
          `${where}.${key} must be a string or a non-empty list of strings.`,
          `Example: "${key}": ["s3:PutObject"]`,
        );
      }
    }
  });
  const minified = JSON.stringify(parsed);
  if (minified.length > maxLength) {
    throw invalid(
      `The session policy is ${minified.length} characters; STS accepts at most ${maxLength}.`,
      'Split the folders across several profiles, or use shorter prefixes.',
    );
  }
  return minified;
}
