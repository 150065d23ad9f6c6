import type { IncomingMessage, ServerResponse } from 'node:http';

import type { FaultInjector } from './fault-injection.js';
import { PolicyGrammarError, parseRamPolicy, type RamPolicy } from './ram-policy.js';
import { rpcSignature, rpcStringToSign } from './rpc-signature.js';
import { signaturesMatch } from './signature-v1.js';
import { randomText, type TokenRegistry } from './token-registry.js';

/**
 * A small Alibaba Cloud STS: the AssumeRole RPC operation (API version 2015-04-01), signed with
 * the RPC HMAC-SHA1 signature, answered in JSON:
 *
 *   {"RequestId": "…", "AssumedRoleUser": {"Arn": "…", "AssumedRoleId": "…"},
 *    "Credentials": {"AccessKeyId": "STS.…", "AccessKeySecret": "…", "SecurityToken": "…",
 *                    "Expiration": "2015-04-09T11:52:19Z"}}
 *
 * Errors are `{"RequestId","HostId","Code","Message"}` with the codes STS documents for
 * AssumeRole: InvalidAccessKeyId.NotFound, SignatureDoesNotMatch, SignatureNonceUsed,
 * InvalidTimeStamp.Expired, EntityNotExist.Role, InvalidParameter.RoleSessionName,
 * InvalidParameter.DurationSeconds, InvalidParameter.PolicyGrammar, MissingSecurityToken.
 * Parameters may come in the query string (GET) or a form body (POST, what ali-oss sends).
 */

export interface StsConfig {
  readonly ramUser: { readonly accessKeyId: string; readonly accessKeySecret: string };
  readonly roleArn: string;
  /** The role's own permissions; a session policy can only narrow them. */
  readonly rolePolicy: RamPolicy;
  readonly accountId: string;
  readonly roleId: string;
  readonly minDurationSeconds: number;
  readonly maxDurationSeconds: number;
  readonly maxPolicyLength: number;
  readonly maxClockSkewMs: number;
  readonly tokens: TokenRegistry;
  readonly faults: FaultInjector;
  readonly now: () => number;
  /** Called once per request with the outcome, for the server's request log. */
  readonly record: (entry: {
    method: string;
    status: number;
    code?: string;
    accessKeyId?: string;
    requestId: string;
  }) => void;
}

class StsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function readParams(req: IncomingMessage): Promise<Map<string, string>> {
  const params = new Map<string, string>();
  const query = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
  for (const [name, value] of new URLSearchParams(query)) params.set(name, value);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 64 * 1024) {
      throw new StsError(400, 'InvalidParameter', 'The request body is too large.');
    }
    chunks.push(chunk);
  }
  const type = req.headers['content-type'] ?? '';
  if (chunks.length > 0 && type.startsWith('application/x-www-form-urlencoded')) {
    for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) {
      params.set(name, value);
    }
  }
  return params;
}

function required(params: ReadonlyMap<string, string>, name: string): string {
  const value = params.get(name);
  if (value === undefined || value === '') {
    throw new StsError(
      400,
      'MissingParameter',
      `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
    );
  }
  return value;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

function checkCommonParameters(
  params: ReadonlyMap<string, string>,
  config: StsConfig,
  nonces: Set<string>,
) {
  const action = required(params, 'Action');
  if (action !== 'AssumeRole') {
    throw new StsError(404, 'InvalidAction.NotFound', `Specified api "${action}" is not found.`);
  }
  if (required(params, 'Version') !== '2015-04-01') {
    throw new StsError(400, 'InvalidVersion', 'Specified parameter Version is not valid.');
  }
  if (params.get('Format') !== 'JSON') {
    throw new StsError(
      400,
      'InvalidParameter.Format',
      'The OSS test server answers only Format=JSON.',
    );
  }
  if (
    required(params, 'SignatureMethod') !== 'HMAC-SHA1' ||
    required(params, 'SignatureVersion') !== '1.0'
  ) {
    throw new StsError(
      400,
      'InvalidParameter.SignatureMethod',
      'Only SignatureMethod=HMAC-SHA1 with SignatureVersion=1.0 is supported.',
    );
  }
  const timestamp = required(params, 'Timestamp');
  if (!ISO_TIMESTAMP.test(timestamp)) {
    throw new StsError(
      400,
      'InvalidTimeStamp.Format',
      'Specified time stamp or date value is not well formatted.',
    );
  }
  if (Math.abs(config.now() - Date.parse(timestamp)) > config.maxClockSkewMs) {
    throw new StsError(
      400,
      'InvalidTimeStamp.Expired',
      'Specified time stamp or date value is expired.',
    );
  }
  const nonce = required(params, 'SignatureNonce');
  if (nonces.has(nonce)) {
    throw new StsError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
  }
  nonces.add(nonce);
}

function checkSignature(
  method: string,
  params: ReadonlyMap<string, string>,
  config: StsConfig,
): void {
  const accessKeyId = required(params, 'AccessKeyId');
  if (accessKeyId.startsWith('STS.')) {
    // Temporary credentials would need their SecurityToken; this server only lets the RAM
    // user assume the role (no role chaining).
    throw new StsError(
      params.has('SecurityToken') ? 403 : 400,
      params.has('SecurityToken') ? 'NoPermission' : 'MissingSecurityToken',
      params.has('SecurityToken')
        ? 'The OSS test server lets only the RAM user assume the role.'
        : 'SecurityToken is mandatory for this action.',
    );
  }
  if (accessKeyId !== config.ramUser.accessKeyId) {
    throw new StsError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
  }
  const text = rpcStringToSign(method, params);
  const expected = rpcSignature(config.ramUser.accessKeySecret, text);
  if (!signaturesMatch(expected, required(params, 'Signature'))) {
    throw new StsError(
      400,
      'SignatureDoesNotMatch',
      `Specified signature does not match our calculation. server string to sign is:${text}`,
    );
  }
}

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

function assumeRole(params: ReadonlyMap<string, string>, config: StsConfig, requestId: string) {
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

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=utf-8',
    'Content-Length': text.length,
  });
  res.end(text);
}

export function createStsHandler(config: StsConfig) {
  const nonces = new Set<string>();
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId =
      `${randomText(8)}-${randomText(4)}-${randomText(4)}-${randomText(4)}-${randomText(12)}`.toUpperCase();
    const method = req.method ?? 'GET';
    let accessKeyId: string | undefined;
    try {
      const params = await readParams(req);
      accessKeyId = params.get('AccessKeyId');
      const plan = config.faults.take('AssumeRole', undefined);
      if (plan.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, plan.delayMs));
      if (plan.drop) {
        config.record({ method, status: 0, code: 'ConnectionDropped', accessKeyId, requestId });
        req.socket.destroy();
        return;
      }
      if (plan.failure) {
        throw new StsError(plan.failure.status, plan.failure.code, plan.failure.message);
      }
      if (method !== 'GET' && method !== 'POST') {
        throw new StsError(405, 'UnsupportedHTTPMethod', 'This http method is not supported.');
      }
      checkCommonParameters(params, config, nonces);
      checkSignature(method, params, config);
      const answer = assumeRole(params, config, requestId);
      config.record({ method, status: 200, accessKeyId, requestId });
      sendJson(res, 200, answer);
    } catch (error) {
      const failure =
        error instanceof StsError
          ? error
          : new StsError(500, 'InternalError', `The OSS test server failed: ${String(error)}`);
      config.record({ method, status: failure.status, code: failure.code, accessKeyId, requestId });
      sendJson(res, failure.status, {
        RequestId: requestId,
        HostId: 'sts.aliyuncs.com',
        Code: failure.code,
        Message: failure.message,
      });
    }
  };
}
