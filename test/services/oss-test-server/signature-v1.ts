import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * OSS header signature V1, written from "Include a V1 signature in the Authorization header":
 *
 *   Authorization = "OSS " + AccessKeyId + ":" + Signature
 *   Signature = base64(hmac-sha1(AccessKeySecret, VERB + "\n" + Content-MD5 + "\n" +
 *               Content-Type + "\n" + Date + "\n" + CanonicalizedOSSHeaders + CanonicalizedResource))
 *
 * CanonicalizedOSSHeaders: every `x-oss-` header, name lower-cased, value trimmed, sorted by
 * name, repeated headers joined with ",", each written as `name:value\n` (x-oss-security-token
 * included, so a token cannot be swapped without the secret).
 * CanonicalizedResource: `/bucket/key` (`/bucket/` without a key, `/` without a bucket), then the
 * sub-resources present in the query, sorted by name and joined with "&" after a "?", each as
 * `name=value`, or bare `name` when the value is empty. Other query parameters are not signed.
 */

/**
 * Query parameters that are sub-resources, from the V1 signature page's list, plus the ones
 * later API pages say to sign (versionId, restore, continuation-token of ListObjectsV2).
 */
export const SIGNED_SUB_RESOURCES: ReadonlySet<string> = new Set([
  'acl',
  'append',
  'bucketInfo',
  'cname',
  'comp',
  'continuation-token',
  'cors',
  'delete',
  'endTime',
  'img',
  'lifecycle',
  'live',
  'location',
  'logging',
  'objectMeta',
  'partNumber',
  'policy',
  'position',
  'qos',
  'referer',
  'replication',
  'replicationLocation',
  'replicationProgress',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  'response-content-language',
  'response-content-type',
  'response-expires',
  'restore',
  'security-token',
  'startTime',
  'status',
  'style',
  'styleName',
  'symlink',
  'tagging',
  'uploadId',
  'uploads',
  'versionId',
  'versioning',
  'versions',
  'vod',
  'website',
  'x-oss-process',
]);

/** What the signature covers, taken from one HTTP request. */
export interface SignableRequest {
  readonly method: string;
  /** Header values by lower-cased name (repeated headers keep every value, in order). */
  readonly headers: Readonly<Record<string, readonly string[] | undefined>>;
  readonly bucket: string | undefined;
  readonly key: string | undefined;
  /** Decoded query parameters in request order. */
  readonly query: readonly (readonly [string, string])[];
}

function header(request: SignableRequest, name: string): string {
  return request.headers[name]?.join(',') ?? '';
}

export function canonicalizedOssHeaders(request: SignableRequest): string {
  return Object.keys(request.headers)
    .filter((name) => name.startsWith('x-oss-'))
    .sort()
    .map((name) => `${name}:${header(request, name).trim()}\n`)
    .join('');
}

export function canonicalizedResource(request: SignableRequest): string {
  let resource = '/';
  if (request.bucket !== undefined) {
    resource += `${request.bucket}/`;
    if (request.key !== undefined) resource += request.key;
  }
  const subResources = request.query
    .filter(([name]) => SIGNED_SUB_RESOURCES.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => (value === '' ? name : `${name}=${value}`));
  return subResources.length > 0 ? `${resource}?${subResources.join('&')}` : resource;
}

/**
 * The "Date" line: the Date header, or x-oss-date when there is no Date header (OSS accepts
 * either as the request time; ali-oss sends only x-oss-date).
 */
export function requestDate(request: SignableRequest): string {
  return request.headers['date'] !== undefined
    ? header(request, 'date')
    : header(request, 'x-oss-date');
}

export function stringToSign(request: SignableRequest): string {
  return (
    `${request.method.toUpperCase()}\n` +
    `${header(request, 'content-md5')}\n` +
    `${header(request, 'content-type')}\n` +
    `${requestDate(request)}\n` +
    canonicalizedOssHeaders(request) +
    canonicalizedResource(request)
  );
}

export function signV1(accessKeySecret: string, text: string): string {
  return createHmac('sha1', accessKeySecret).update(text, 'utf8').digest('base64');
}

/** `OSS <AccessKeyId>:<Signature>`, or undefined when the header has another form. */
export function parseAuthorizationV1(
  value: string,
): { accessKeyId: string; signature: string } | undefined {
  const match = /^OSS ([^:\s]+):(\S+)$/.exec(value.trim());
  return match?.[1] && match[2] ? { accessKeyId: match[1], signature: match[2] } : undefined;
}

/** Constant-time comparison, so the test server does not teach clients a timing oracle. */
export function signaturesMatch(expected: string, provided: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(provided);
  return a.length === b.length && timingSafeEqual(a, b);
}
