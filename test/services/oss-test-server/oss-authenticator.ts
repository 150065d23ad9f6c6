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
}

/**
 * Checks a request's V1 signature and credentials the way OSS reports failures:
 * no Authorization → AccessDenied; unknown AccessKeyId → InvalidAccessKeyId; STS key whose
 * x-oss-security-token is not the one issued with it → InvalidSecurityToken (or
 * AccessKeyIdAndSecurityTokenNotMatch when it belongs to another key); token past its
 * Expiration → SecurityTokenExpired; request time more than the allowed skew away →
 * RequestTimeTooSkewed; wrong signature → SignatureDoesNotMatch with the StringToSign the server
 * computed (OSS includes it too, which makes client bugs easy to see).
 */
export function authenticate(request: SignableRequest, config: AuthenticatorConfig): Principal {
  const authorization = request.headers['authorization']?.[0];
  if (authorization === undefined) {
    throw new OssError('AccessDenied', messages.anonymous);
  }
  if (authorization.startsWith('OSS4-HMAC-SHA256')) {
    throw new OssError(
      'InvalidArgument',
      'This OSS test server verifies only V1 header signatures ("OSS AccessKeyId:Signature"); ' +
        'create the ali-oss client without authorizationV4.',
    );
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
  const time = Date.parse(date);
  if (Number.isNaN(time)) {
    throw new OssError('AccessDenied', `The request time "${date}" is not a GMT date.`);
  }
  if (Math.abs(config.now() - time) > config.maxClockSkewMs) {
    throw new OssError('RequestTimeTooSkewed', messages.skew, {
      fields: { RequestTime: date, ServerTime: new Date(config.now()).toUTCString() },
    });
  }

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
