import { createHash, createHmac } from 'node:crypto';

import type { SignableRequest } from './signature-v1.js';

/**
 * OSS header signature V4, written from Alibaba's help page "Include a V4 signature in the
 * Authorization header (recommended)" (help.aliyun.com/en/oss/developer-reference/
 * recommend-to-use-signature-version-4, read 2026-11-30) and the per-field troubleshooting pages
 * it links (0002-00000209/-00000210 AdditionalHeaders, 0002-00000214 x-oss-content-sha256):
 *
 *   Authorization: OSS4-HMAC-SHA256 Credential=<AccessKeyId>/<SignDate>/<SignRegion>/oss/aliyun_v4_request,
 *                  [AdditionalHeaders=<lower-case names, sorted, ";"-joined>,] Signature=<64 hex>
 *
 *   CanonicalRequest = VERB + "\n" + CanonicalURI + "\n" + CanonicalQueryString + "\n" +
 *                      CanonicalHeaders + "\n" + AdditionalHeaders + "\n" + HashedPayload
 *   - CanonicalURI: "/bucket/key" URI-encoded (RFC 3986), "/" left as is ("/bucket/" without
 *     a key, "/" without a bucket).
 *   - CanonicalQueryString: EVERY query parameter (unlike V1's sub-resource list), name and
 *     value URI-encoded, sorted by name, `name=value` joined by "&"; a parameter without a value
 *     is written as its bare name.
 *   - CanonicalHeaders: `content-type`, `content-md5`, every `x-oss-*` header (the security
 *     token included) and the headers listed in AdditionalHeaders; name lower-cased, value
 *     trimmed, sorted by name, each `name:value\n`.
 *   - HashedPayload: the x-oss-content-sha256 header, which must be sent ("UNSIGNED-PAYLOAD").
 *   StringToSign = "OSS4-HMAC-SHA256\n" + x-oss-date (yyyyMMdd'T'HHmmss'Z') + "\n" +
 *                  "<SignDate>/<SignRegion>/oss/aliyun_v4_request\n" + hex(SHA256(CanonicalRequest))
 *   SigningKey = HMAC-SHA256 chain: key "aliyun_v4" + secret over SignDate, then SignRegion,
 *                then "oss", then "aliyun_v4_request"
 *   Signature = hex(HMAC-SHA256(SigningKey, StringToSign))
 *
 * Cross-checked (not copied) against ali-oss 6.23 lib/common/signUtils.js, Alibaba's own signer.
 */

export const V4_ALGORITHM = 'OSS4-HMAC-SHA256';

export interface AuthorizationV4 {
  readonly accessKeyId: string;
  /** yyyymmdd from the credential scope. */
  readonly signDate: string;
  readonly signRegion: string;
  readonly product: string;
  readonly terminator: string;
  readonly additionalHeaders: readonly string[];
  readonly signature: string;
}

/**
 * Parses `OSS4-HMAC-SHA256 Credential=…, AdditionalHeaders=…, Signature=…` (fields separated by
 * "," with optional spaces, as the doc's format and ali-oss's output differ only in spaces).
 * Returns a reason string when the header is malformed.
 */
export function parseAuthorizationV4(value: string): AuthorizationV4 | string {
  const rest = value.trim().slice(V4_ALGORITHM.length).trim();
  const fields = new Map<string, string>();
  for (const part of rest.split(',')) {
    const equals = part.indexOf('=');
    if (equals === -1) return `malformed field "${part.trim()}"`;
    fields.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
  }
  const credential = fields.get('Credential');
  const signature = fields.get('Signature');
  if (credential === undefined) return 'the Credential field is missing';
  if (signature === undefined || !/^[0-9a-f]{64}$/.test(signature)) {
    return 'the Signature field must be 64 lower-case hex digits';
  }
  const scope = credential.split('/');
  const [accessKeyId, signDate, signRegion, product, terminator] = scope;
  if (scope.length !== 5 || !accessKeyId || !signDate || !signRegion || !product || !terminator) {
    return 'Credential must be <AccessKeyId>/<SignDate>/<SignRegion>/oss/aliyun_v4_request';
  }
  const additional = fields.get('AdditionalHeaders');
  let additionalHeaders: string[] = [];
  if (additional !== undefined) {
    additionalHeaders = additional.split(';');
    // 0002-00000209 (empty list) and 0002-00000210 (empty element, e.g. trailing ";").
    if (additionalHeaders.some((name) => name === '')) {
      return 'AdditionalHeaders must not be empty or contain an empty name';
    }
    const normalised = additionalHeaders.map((name) => name.toLowerCase());
    const sorted = [...normalised].sort();
    if (normalised.some((name, i) => name !== additionalHeaders[i] || name !== sorted[i])) {
      return 'AdditionalHeaders must be lower-case and sorted';
    }
  }
  return { accessKeyId, signDate, signRegion, product, terminator, additionalHeaders, signature };
}

/** RFC 3986 percent-encoding: everything but A-Z a-z 0-9 - _ . ~ (the doc's "URI encode"). */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function headerValue(request: SignableRequest, name: string): string | undefined {
  return request.headers[name]?.map((v) => v.trim()).join(',');
}

export function canonicalRequestV4(
  request: SignableRequest,
  additionalHeaders: readonly string[],
): string {
  let uri = '/';
  if (request.bucket !== undefined) {
    uri += `${request.bucket}/`;
    if (request.key !== undefined) uri += request.key;
  }
  const canonicalUri = uriEncode(uri).replace(/%2F/g, '/');
  const canonicalQuery = request.query
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => (value === '' ? name : `${name}=${value}`))
    .join('&');
  const signed = new Set(additionalHeaders);
  for (const name of Object.keys(request.headers)) {
    if (name === 'content-type' || name === 'content-md5' || name.startsWith('x-oss-')) {
      signed.add(name);
    }
  }
  const canonicalHeaders = [...signed]
    .sort()
    .map((name) => `${name}:${headerValue(request, name) ?? ''}\n`)
    .join('');
  return [
    request.method.toUpperCase(),
    canonicalUri,
    canonicalQuery,
    canonicalHeaders,
    additionalHeaders.join(';'),
    headerValue(request, 'x-oss-content-sha256') ?? '',
  ].join('\n');
}

export function stringToSignV4(
  timestamp: string,
  signDate: string,
  signRegion: string,
  canonicalRequest: string,
): string {
  return [
    V4_ALGORITHM,
    timestamp,
    `${signDate}/${signRegion}/oss/aliyun_v4_request`,
    createHash('sha256').update(canonicalRequest, 'utf8').digest('hex'),
  ].join('\n');
}

export function signV4(
  accessKeySecret: string,
  signDate: string,
  signRegion: string,
  stringToSign: string,
): string {
  const hmac = (key: string | Buffer, data: string) =>
    createHmac('sha256', key).update(data, 'utf8').digest();
  const dateKey = hmac(`aliyun_v4${accessKeySecret}`, signDate);
  const regionKey = hmac(dateKey, signRegion);
  const serviceKey = hmac(regionKey, 'oss');
  const signingKey = hmac(serviceKey, 'aliyun_v4_request');
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

/** `20261130T091706Z` → epoch ms, or NaN when the text is not that form. */
export function parseIsoBasic(text: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return Number.NaN;
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = match.slice(1).map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s);
}
