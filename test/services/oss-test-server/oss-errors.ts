import { escapeXml } from './xml-text.js';

/**
 * HTTP status of each OSS error code this server produces (OSS "Error responses" and the
 * per-code troubleshooting pages: 403 for every authentication and authorisation failure, 404 for
 * missing resources, 400 for malformed requests).
 */
const STATUS_OF: Readonly<Record<string, number>> = {
  AccessDenied: 403,
  AccessKeyIdAndSecurityTokenNotMatch: 403,
  InvalidAccessKeyId: 403,
  InvalidSecurityToken: 403,
  RequestTimeTooSkewed: 403,
  SecurityTokenExpired: 403,
  SignatureDoesNotMatch: 403,
  NoSuchBucket: 404,
  NoSuchKey: 404,
  NoSuchUpload: 404,
  EntityTooSmall: 400,
  InvalidArgument: 400,
  InvalidBucketName: 400,
  InvalidDigest: 400,
  InvalidObjectName: 400,
  InvalidPart: 400,
  InvalidPartOrder: 400,
  InvalidRange: 416,
  InvalidURI: 400,
  MalformedXML: 400,
  InternalError: 500,
  NotImplemented: 501,
  ServiceUnavailable: 503,
};

/** An error answered as OSS's `<Error>` XML. `fields` become extra child elements. */
export class OssError extends Error {
  readonly status: number;
  readonly fields: Readonly<Record<string, string>>;

  constructor(
    readonly code: string,
    message: string,
    options: { status?: number; fields?: Readonly<Record<string, string>> } = {},
  ) {
    super(message);
    this.name = 'OssError';
    this.status = options.status ?? STATUS_OF[code] ?? 400;
    this.fields = options.fields ?? {};
  }
}

/** The error body OSS sends: Code, Message, RequestId, HostId, then any extra fields. */
export function errorXml(error: OssError, requestId: string, hostId: string): string {
  const extra = Object.entries(error.fields)
    .map(([name, value]) => `  <${name}>${escapeXml(value)}</${name}>\n`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n' +
    `  <Code>${escapeXml(error.code)}</Code>\n` +
    `  <Message>${escapeXml(error.message)}</Message>\n` +
    `  <RequestId>${requestId}</RequestId>\n` +
    `  <HostId>${escapeXml(hostId)}</HostId>\n` +
    extra +
    '</Error>\n'
  );
}

export const messages = {
  anonymous: 'You have no right to access this object because of bucket acl.',
  policyDenied: "Access denied by authorizer's policy.",
  unknownKey: 'The OSS Access Key Id you provided does not exist in our records.',
  tokenExpired: 'The security token you provided has expired.',
  tokenInvalid: 'The security token you provided is invalid.',
  tokenMismatch: 'The OSS access key id and security token you provided does not match.',
  signature:
    'The request signature we calculated does not match the signature you provided. ' +
    'Check your key and signing method.',
  skew: 'The difference between the request time and the current time is too large.',
  v1Refused: 'OSS no longer supports V1 signatures. Upgrade to V4 signatures.',
  invalidBucketName: 'The specified bucket is not valid.',
  noSuchKey: 'The specified key does not exist.',
  noSuchBucket: 'The specified bucket does not exist.',
  noSuchUpload:
    'The specified upload does not exist. The upload ID may be invalid, ' +
    'or the upload may have been aborted or completed.',
  digestMismatch: 'The Content-MD5 you specified was invalid.',
  digestMalformed: 'The Content-MD5 you specified is not a base64-encoded 128-bit MD5.',
  entityTooSmall: 'Your proposed upload is smaller than the minimum allowed size.',
  invalidPart:
    'One or more of the specified parts could not be found or the specified entity tag ' +
    "might not have matched the part's entity tag.",
  invalidPartOrder:
    'The list of parts was not in ascending order. The parts list must be specified in ' +
    'order by part number.',
  partNumber: 'Part number must be an integer between 1 and 10000, inclusive.',
  malformedXml:
    'The XML you provided was not well-formed or did not validate against our published schema.',
} as const;
