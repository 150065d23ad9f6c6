import type { IncomingMessage, ServerResponse } from 'node:http';

import type { FaultInjector } from './fault-injection.js';
import type { RamPolicy } from './ram-policy.js';
import { assumeRole } from './sts-assume-role.js';
import { rpcSignature, rpcStringToSign } from './rpc-signature.js';
import { signaturesMatch } from './signature-v1.js';
import { StsError, readStsRequest, required, type StsRequestParts } from './sts-request.js';
import {
  V3_ALGORITHM,
  canonicalRequestV3,
  mandatorySignedHeaders,
  parseAuthorizationV3,
  sha256Hex,
  signV3,
  stringToSignV3,
} from './sts-signature-v3.js';
import { randomText, type TokenRegistry } from './token-registry.js';

/**
 * A small Alibaba Cloud STS: the AssumeRole RPC operation (API version 2015-04-01), signed with
 * the RPC HMAC-SHA1 signature (what ali-oss's OSS.STS sends) or the V3 `ACS3-HMAC-SHA256`
 * header signature (what @alicloud/sts20150401 and @alicloud/credentials send by default),
 * answered in JSON:
 *
 *   {"RequestId": "…", "AssumedRoleUser": {"Arn": "…", "AssumedRoleId": "…"},
 *    "Credentials": {"AccessKeyId": "STS.…", "AccessKeySecret": "…", "SecurityToken": "…",
 *                    "Expiration": "2015-04-09T11:52:19Z"}}
 *
 * Errors are `{"RequestId","HostId","Code","Message"}` with the codes STS documents for
 * AssumeRole: InvalidAccessKeyId.NotFound, SignatureDoesNotMatch, SignatureNonceUsed,
 * InvalidTimeStamp.Expired, EntityNotExist.Role, InvalidParameter.RoleSessionName,
 * InvalidParameter.DurationSeconds, InvalidParameter.PolicyGrammar, MissingSecurityToken, and
 * the gateway's IncompleteSignature for a malformed V3 Authorization header.
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
    signature?: 'rpc' | 'v3';
    method: string;
    status: number;
    code?: string;
    accessKeyId?: string;
    requestId: string;
  }) => void;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

function checkOperation(action: string, version: string): void {
  if (action !== 'AssumeRole') {
    throw new StsError(404, 'InvalidAction.NotFound', `Specified api "${action}" is not found.`);
  }
  if (version !== '2015-04-01') {
    throw new StsError(400, 'InvalidVersion', 'Specified parameter Version is not valid.');
  }
}

/**
 * Format is read case-insensitively, as Alibaba's gateway does: @alicloud/openapi-core's RPC
 * path sends `Format=json` in lower case and ali-oss sends `JSON`. V3 requests omit it (they
 * get JSON); an RPC request without it would get XML from real STS, which this server does not
 * speak, so it is refused.
 */
function checkFormat(params: ReadonlyMap<string, string>, rpc: boolean): void {
  const format = params.get('Format') ?? (rpc ? 'XML' : 'JSON');
  if (format.toUpperCase() !== 'JSON') {
    throw new StsError(400, 'InvalidParameter.Format', 'The OSS test server answers only JSON.');
  }
}

function checkTime(timestamp: string, config: StsConfig): void {
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
}

function checkNonce(nonce: string, nonces: Set<string>): void {
  if (nonces.has(nonce)) {
    throw new StsError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
  }
  nonces.add(nonce);
}

/** The secret of the signing key: only the RAM user may assume the role. */
function secretOf(accessKeyId: string, hasToken: boolean, config: StsConfig): string {
  if (accessKeyId.startsWith('STS.')) {
    // Temporary credentials would need their SecurityToken; this server only lets the RAM
    // user assume the role (no role chaining).
    throw new StsError(
      hasToken ? 403 : 400,
      hasToken ? 'NoPermission' : 'MissingSecurityToken',
      hasToken
        ? 'The OSS test server lets only the RAM user assume the role.'
        : 'SecurityToken is mandatory for this action.',
    );
  }
  if (accessKeyId !== config.ramUser.accessKeyId) {
    throw new StsError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
  }
  return config.ramUser.accessKeySecret;
}

/** The RPC signature (HMAC-SHA1 over the sorted parameters), see rpc-signature.ts. */
function checkRpcRequest(
  method: string,
  params: ReadonlyMap<string, string>,
  config: StsConfig,
  nonces: Set<string>,
): void {
  checkOperation(required(params, 'Action'), required(params, 'Version'));
  checkFormat(params, true);
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
  checkTime(required(params, 'Timestamp'), config);
  checkNonce(required(params, 'SignatureNonce'), nonces);
  const secret = secretOf(required(params, 'AccessKeyId'), params.has('SecurityToken'), config);
  const text = rpcStringToSign(method, params);
  // The wording is STS's: @alicloud/credentials' RAMRoleARN provider slices the server's
  // string-to-sign out of exactly this message to tell a wrong secret from a signing bug.
  if (!signaturesMatch(rpcSignature(secret, text), required(params, 'Signature'))) {
    throw new StsError(
      400,
      'SignatureDoesNotMatch',
      `Specified signature is not matched with our calculation. server string to sign is:${text}`,
    );
  }
}

function incomplete(reason: string): StsError {
  return new StsError(
    400,
    'IncompleteSignature',
    `The request signature does not conform to Aliyun standards: ${reason}.`,
  );
}

/** The V3 header signature, see sts-signature-v3.ts. */
function checkV3Request(
  req: IncomingMessage,
  parts: StsRequestParts,
  config: StsConfig,
  nonces: Set<string>,
): void {
  const parsed = parseAuthorizationV3(req.headers.authorization ?? '');
  if (typeof parsed === 'string') throw incomplete(parsed);
  const header = (name: string) => {
    const value = req.headers[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const requiredHeader = (name: string) => {
    const value = header(name);
    if (value === undefined) throw incomplete(`the ${name} header is missing`);
    return value;
  };
  checkOperation(requiredHeader('x-acs-action'), requiredHeader('x-acs-version'));
  checkFormat(parts.params, false);
  checkTime(requiredHeader('x-acs-date'), config);
  checkNonce(requiredHeader('x-acs-signature-nonce'), nonces);
  const missing = mandatorySignedHeaders(req.headers).filter(
    (name) => !parsed.signedHeaders.includes(name),
  );
  if (missing.length > 0) throw incomplete(`SignedHeaders omits ${missing.join(', ')}`);
  const absent = parsed.signedHeaders.filter((name) => req.headers[name] === undefined);
  if (absent.length > 0) throw incomplete(`SignedHeaders names absent ${absent.join(', ')}`);
  const secret = secretOf(parsed.accessKeyId, header('x-acs-security-token') !== undefined, config);
  const payloadHash = sha256Hex(parts.body);
  if (requiredHeader('x-acs-content-sha256') !== payloadHash) {
    throw new StsError(
      400,
      'SignatureDoesNotMatch',
      'The x-acs-content-sha256 header is not the SHA-256 of the request body.',
    );
  }
  const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
  const canonical = canonicalRequestV3(
    req.method ?? 'GET',
    rawPath,
    parts.query,
    req.headers,
    parsed.signedHeaders,
    payloadHash,
  );
  const text = stringToSignV3(canonical);
  if (!signaturesMatch(signV3(secret, text), parsed.signature)) {
    throw new StsError(
      400,
      'SignatureDoesNotMatch',
      `Specified signature is not matched with our calculation. server string to sign is:${text}`,
    );
  }
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
    let signature: 'rpc' | 'v3' | undefined;
    try {
      const parts = await readStsRequest(req);
      const { params } = parts;
      const v3 = req.headers.authorization?.startsWith(`${V3_ALGORITHM} `) ?? false;
      signature = v3 ? 'v3' : 'rpc';
      accessKeyId = v3
        ? /Credential=([^,\s]+)/.exec(req.headers.authorization ?? '')?.[1]
        : params.get('AccessKeyId');
      const plan = config.faults.take('AssumeRole', undefined);
      if (plan.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, plan.delayMs));
      if (plan.drop) {
        config.record({
          method,
          status: 0,
          code: 'ConnectionDropped',
          accessKeyId,
          requestId,
          signature,
        });
        req.socket.destroy();
        return;
      }
      if (plan.failure) {
        throw new StsError(plan.failure.status, plan.failure.code, plan.failure.message);
      }
      if (method !== 'GET' && method !== 'POST') {
        throw new StsError(405, 'UnsupportedHTTPMethod', 'This http method is not supported.');
      }
      if (v3) checkV3Request(req, parts, config, nonces);
      else checkRpcRequest(method, params, config, nonces);
      const answer = assumeRole(params, config, requestId);
      config.record({ method, status: 200, accessKeyId, requestId, signature });
      sendJson(res, 200, answer);
    } catch (error) {
      const failure =
        error instanceof StsError
          ? error
          : new StsError(500, 'InternalError', `The OSS test server failed: ${String(error)}`);
      config.record({
        method,
        status: failure.status,
        code: failure.code,
        accessKeyId,
        requestId,
        signature,
      });
      sendJson(res, failure.status, {
        RequestId: requestId,
        HostId: 'sts.aliyuncs.com',
        Code: failure.code,
        Message: failure.message,
      });
    }
  };
}
