import { PolicyGrammarError, parseRamPolicy, type RamPolicy } from './ram-policy.js';
import type { StsConfig } from './sts-endpoint.js';
import { StsError, required } from './sts-request.js';

/**
 * AssumeRole's own parameters, once the request is authenticated (STS "AssumeRole" API page):
 * RoleArn, RoleSessionName (2–64 of letters, digits, ".", "@", "-", "_"), DurationSeconds
 * (900 to the role's MaxSessionDuration), Policy (≤ 2048 characters, RAM policy grammar).
 */

function sessionPolicies(params: ReadonlyMap<string, string>, config: StsConfig): RamPolicy[] {
  const text = params.get('Policy');
  if (text === undefined || text === '') return [config.rolePolicy];
  if (text.length > config.maxPolicyLength) {
    throw new StsError(
      400,
      'InvalidParameter.PolicyGrammar',
      `The parameter Policy has not passed grammar check: it has ${text.length} characters, ` +
        `more than ${config.maxPolicyLength}.`,
    );
  }
  try {
    return [config.rolePolicy, parseRamPolicy(text)];
  } catch (error) {
    if (!(error instanceof PolicyGrammarError)) throw error;
    throw new StsError(
      400,
      'InvalidParameter.PolicyGrammar',
      `The parameter Policy has not passed grammar check: ${error.message}.`,
    );
  }
}

function durationOf(params: ReadonlyMap<string, string>, config: StsConfig): number {
  const value = params.get('DurationSeconds');
  const seconds = value === undefined ? Math.min(3600, config.maxDurationSeconds) : Number(value);
  if (
    !Number.isInteger(seconds) ||
    seconds < config.minDurationSeconds ||
    seconds > config.maxDurationSeconds
  ) {
    throw new StsError(
      400,
      'InvalidParameter.DurationSeconds',
      `The Min/Max value of DurationSeconds is ${config.minDurationSeconds}s/${config.maxDurationSeconds}s.`,
    );
  }
  return seconds;
}

export function assumeRole(
  params: ReadonlyMap<string, string>,
  config: StsConfig,
  requestId: string,
) {
  const roleArn = required(params, 'RoleArn');
  // Role names are case-insensitive in RAM.
  if (roleArn.toLowerCase() !== config.roleArn.toLowerCase()) {
    throw new StsError(404, 'EntityNotExist.Role', `The role not exists: ${roleArn}.`);
  }
  const sessionName = required(params, 'RoleSessionName');
  if (!/^[\w.@-]{2,64}$/.test(sessionName)) {
    throw new StsError(
      400,
      'InvalidParameter.RoleSessionName',
      'The parameter RoleSessionName is wrongly formed.',
    );
  }
  const seconds = durationOf(params, config);
  const policies = sessionPolicies(params, config);
  const now = config.now();
  // Expiration is announced to the second; the token lives exactly until then.
  const expiresAtSecond = Math.ceil((now + seconds * 1000) / 1000) * 1000;
  const token = config.tokens.issue({
    lifetimeMs: expiresAtSecond - now,
    now,
    policies,
    roleSessionName: sessionName,
  });
  const roleName = config.roleArn.slice(config.roleArn.lastIndexOf('/') + 1);
  return {
    RequestId: requestId,
    AssumedRoleUser: {
      Arn: `acs:ram::${config.accountId}:role/${roleName}/${sessionName}`,
      AssumedRoleId: `${config.roleId}:${sessionName}`,
    },
    Credentials: {
      AccessKeyId: token.accessKeyId,
      AccessKeySecret: token.accessKeySecret,
      SecurityToken: token.securityToken,
      Expiration: new Date(token.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
  };
}
