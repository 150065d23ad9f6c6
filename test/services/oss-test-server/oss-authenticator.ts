import { OssError, messages } from './oss-errors.js';
import type { RamPolicy } from './ram-policy.js';
import {
  parseAuthorizationV1,
  requestDate,
  signV1,
  signaturesMatch,
  stringToSign,
  type SignableRequest,
} from './signature-v1.js';
import {
  V4_ALGORITHM,
  canonicalRequestV4,
  parseAuthorizationV4,
  parseIsoBasic,
  signV4,
  stringToSignV4,
} from './signature-v4.js';
import type { TokenRegistry } from './token-registry.js';

/** Who signed a request, and the policies that bound what they may do. */
export interface Principal {
  readonly kind: 'ram-user' | 'sts-token';
  readonly accessKeyId: string;
  /** Empty for the RAM user: its only right is sts:AssumeRole, so OSS denies it everything. */
  readonly policies: readonly RamPolicy[];
}

export interface AuthenticatorConfig {
  readonly ramUser: { readonly accessKeyId: string; readonly accessKeySecret: string };
  readonly tokens: TokenRegistry;
  readonly maxClockSkewMs: number;
  /** What an expired token is answered with (see OssTestServerOptions.expiredTokenCode). */
  readonly expiredTokenCode: 'SecurityTokenExpired' | 'InvalidAccessKeyId';
  readonly now: () => number;
  /** Answer V1-signed requests 403 (EC 0002-00000080), as for a new account or bucket. */
  readonly v1Refused: boolean;
  /** The V4 credential scope's region: the standard region id, e.g. "cn-hangzhou". */
  readonly signRegion: string;
}

/**
 * Checks a request's signature (V1 `OSS AccessKeyId:Signature` or V4 `OSS4-HMAC-SHA256 …`) and
 * credentials the way OSS reports failures:
 * no Authorization → AccessDenied; V1 while V1 is refused → AccessDenied with EC 0002-00000080;
 * unknown AccessKeyId → InvalidAccessKeyId; STS key whose x-oss-security-token is not the one
 * issued with it → InvalidSecurityToken (or AccessKeyIdAndSecurityTokenNotMatch when it belongs
 * to another key); token past its Expiration → SecurityTokenExpired; request time more than the
 * allowed skew away → RequestTimeTooSkewed; wrong signature → SignatureDoesNotMatch with the
 * StringToSign the server computed (OSS includes it too, which makes client bugs easy to see).
 */
export function authenticate(request: SignableRequest, config: AuthenticatorConfig): Principal {
  const authorization = request.headers['authorization']?.[0];
  if (authorization === undefined) {
    throw new OssError('AccessDenied', messages.anonymous);
  }
  if (authorization.startsWith(`${V4_ALGORITHM} `)) return authenticateV4(request, config);
  if (config.v1Refused && authorization.startsWith('OSS ')) {
    // Help page "0002-00000080" (help.aliyun.com/en/oss/user-guide/0002-00000080, read
    // 2026-11-30): "OSS returns a 403 error when you call an API operation signed with a V1
    // signature … OSS no longer supports V1 signatures." The page gives the EC, not the Code or
    // Message of the XML; AccessDenied and this Message are this server's reading of it.
    throw new OssError('AccessDenied', messages.v1Refused, {
      fields: {
        EC: '0002-00000080',
        RecommendDoc: 'https://api.aliyun.com/troubleshoot?q=0002-00000080',
      },
    });
  }
  const parsed = parseAuthorizationV1(authorization);
  if (!parsed) {
    throw new OssError('InvalidArgument', 'Authorization header is invalid.', {
      fields: { ArgumentName: 'Authorization' },
    });
  }

  const date = requestDate(request);
  if (date === '') {
    throw new OssError('AccessDenied', 'The request has neither a Date nor an x-oss-date header.');
  }
  checkSkew(Date.parse(date), date, config);

  const { secret, principal } = resolveKey(parsed.accessKeyId, request, config);
  const expected = signV1(secret, stringToSign(request));
  if (!signaturesMatch(expected, parsed.signature)) {
    throw new OssError('SignatureDoesNotMatch', messages.signature, {
      fields: {
        StringToSign: stringToSign(request),
        SignatureProvided: parsed.signature,
        OSSAccessKeyId: parsed.accessKeyId,
      },
    });
  }
  return principal;
}

/** RequestTimeTooSkewed (403) past the allowed distance, 15 min on OSS ("OSS error codes"). */
function checkSkew(time: number, text: string, config: AuthenticatorConfig): void {
  if (Number.isNaN(time)) {
    throw new OssError('AccessDenied', `The request time "${text}" is not a valid date.`);
  }
  if (Math.abs(config.now() - time) > config.maxClockSkewMs) {
    throw new OssError('RequestTimeTooSkewed', messages.skew, {
      fields: { RequestTime: text, ServerTime: new Date(config.now()).toUTCString() },
    });
  }
}

function invalidV4(reason: string): OssError {
  return new OssError('InvalidArgument', `Authorization header is invalid: ${reason}.`, {
    fields: { ArgumentName: 'Authorization' },
  });
}

function authenticateV4(request: SignableRequest, config: AuthenticatorConfig): Principal {
  const parsed = parseAuthorizationV4(request.headers['authorization']?.[0] ?? '');
  if (typeof parsed === 'string') throw invalidV4(parsed);
  const contentSha256 = request.headers['x-oss-content-sha256']?.[0];
  if (contentSha256 === undefined) {
    throw invalidV4('V4 requests must carry x-oss-content-sha256');
  }
  if (contentSha256 !== 'UNSIGNED-PAYLOAD') {
    // 0002-00000214: "Change the value of the x-oss-content-sha256 header to UNSIGNED-PAYLOAD."
    throw new OssError('InvalidArgument', 'The x-oss-content-sha256 header is invalid.', {
      fields: { ArgumentName: 'x-oss-content-sha256', ArgumentValue: contentSha256 },
    });
  }
  for (const name of parsed.additionalHeaders) {
    if (request.headers[name] === undefined) {
      throw invalidV4(`AdditionalHeaders names "${name}", which the request does not carry`);
    }
  }
  const timestamp = request.headers['x-oss-date']?.[0];
  if (timestamp === undefined) {
    throw new OssError('AccessDenied', 'A V4-signed request needs an x-oss-date header.');
  }
  checkSkew(parseIsoBasic(timestamp), timestamp, config);

  const { secret, principal } = resolveKey(parsed.accessKeyId, request, config);
  const canonical = canonicalRequestV4(request, parsed.additionalHeaders);
  const text = stringToSignV4(timestamp, parsed.signDate, parsed.signRegion, canonical);
  // The scope must name the request's own date, this server's region, "oss" and the V4
  // terminator; any other scope derives another key, so it is a signature mismatch.
  const scopeProblem =
    parsed.signDate !== timestamp.slice(0, 8)
      ? `the credential date ${parsed.signDate} is not the x-oss-date day ${timestamp.slice(0, 8)}`
      : parsed.signRegion !== config.signRegion
        ? `the credential region "${parsed.signRegion}" is not this bucket's region "${config.signRegion}"`
        : parsed.product !== 'oss' || parsed.terminator !== 'aliyun_v4_request'
          ? 'the credential scope must end with /oss/aliyun_v4_request'
          : undefined;
  const expected = signV4(secret, parsed.signDate, parsed.signRegion, text);
  if (scopeProblem !== undefined || !signaturesMatch(expected, parsed.signature)) {
    throw new OssError('SignatureDoesNotMatch', messages.signature, {
      fields: {
        ...(scopeProblem === undefined ? {} : { ScopeProblem: scopeProblem }),
        CanonicalRequest: canonical,
        StringToSign: text,
        SignatureProvided: parsed.signature,
        OSSAccessKeyId: parsed.accessKeyId,
      },
    });
  }
  return principal;
}

function resolveKey(
  accessKeyId: string,
  request: SignableRequest,
  config: AuthenticatorConfig,
): { secret: string; principal: Principal } {
  if (accessKeyId === config.ramUser.accessKeyId) {
    return {
      secret: config.ramUser.accessKeySecret,
      principal: { kind: 'ram-user', accessKeyId, policies: [] },
    };
  }
  const issued = config.tokens.byKeyId(accessKeyId);
  if (!issued) {
    throw new OssError('InvalidAccessKeyId', messages.unknownKey, {
      fields: { OSSAccessKeyId: accessKeyId },
    });
  }
  const token = request.headers['x-oss-security-token']?.join(',');
  if (token === undefined) {
    // A temporary key is only valid together with its token.
    throw new OssError('InvalidAccessKeyId', messages.unknownKey, {
      fields: { OSSAccessKeyId: accessKeyId },
    });
  }
  if (token !== issued.securityToken) {
    const other = config.tokens.byToken(token);
    throw other
      ? new OssError('AccessKeyIdAndSecurityTokenNotMatch', messages.tokenMismatch)
      : new OssError('InvalidSecurityToken', messages.tokenInvalid);
  }
  if (config.now() >= issued.expiresAt) {
    throw config.expiredTokenCode === 'SecurityTokenExpired'
      ? new OssError('SecurityTokenExpired', messages.tokenExpired, {
          fields: { Expiration: new Date(issued.expiresAt).toISOString() },
        })
      : new OssError('InvalidAccessKeyId', messages.unknownKey, {
          fields: { OSSAccessKeyId: accessKeyId },
        });
  }
  return {
    secret: issued.accessKeySecret,
    principal: { kind: 'sts-token', accessKeyId, policies: issued.policies },
  };
}
