import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

import { percentEncode } from './rpc-signature.js';

/**
 * Alibaba Cloud's V3 request signature (`ACS3-HMAC-SHA256`), which the official SDKs built on
 * @alicloud/openapi-core (sts20150401 among them) use by default. Written from Alibaba's
 * "V3 request body and signature mechanism" (help.aliyun.com/zh/sdk/product-overview/
 * v3-request-structure-and-signature, read 2026-11-30):
 *
 *   Authorization: ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<names>,Signature=<hex>
 *   CanonicalRequest = Method + "\n" + CanonicalURI + "\n" + CanonicalQueryString + "\n" +
 *                      CanonicalHeaders + "\n" + SignedHeaders + "\n" + HashedRequestPayload
 *   - CanonicalURI: the path ("/" for RPC APIs such as AssumeRole).
 *   - CanonicalQueryString: query parameters sorted by name, `percentEncode(name)=
 *     percentEncode(value)` (RFC 3986), joined by "&"; an empty value keeps its "=".
 *   - CanonicalHeaders: the signed headers, which must include `host`, every `x-acs-*` header
 *     and `content-type` when present; name lower-cased, value trimmed, sorted, `name:value\n`.
 *   - SignedHeaders: those names, ";"-joined.
 *   - HashedRequestPayload: hex(SHA-256(body)), also sent as x-acs-content-sha256.
 *   StringToSign = "ACS3-HMAC-SHA256\n" + hex(SHA-256(CanonicalRequest))
 *   Signature = hex(HMAC-SHA256(AccessKeySecret, StringToSign))
 * The request time is x-acs-date (`yyyy-MM-ddTHH:mm:ssZ`), the nonce x-acs-signature-nonce, the
 * operation x-acs-action and x-acs-version. Cross-checked (not copied) against
 * @alicloud/openapi-core's getAuthorization.
 */

export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface AuthorizationV3 {
  readonly accessKeyId: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** Parses the header; a string is the reason it is malformed. */
export function parseAuthorizationV3(value: string): AuthorizationV3 | string {
  const fields = new Map<string, string>();
  for (const part of value.slice(V3_ALGORITHM.length).trim().split(',')) {
    const equals = part.indexOf('=');
    if (equals === -1) return `malformed field "${part.trim()}"`;
    fields.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId) return 'Credential is missing';
  if (!signedHeaders) return 'SignedHeaders is missing';
  if (!signature || !/^[0-9a-f]{64}$/.test(signature)) {
    return 'Signature must be 64 lower-case hex digits';
  }
  return { accessKeyId, signedHeaders: signedHeaders.split(';'), signature };
}

/** The headers the V3 rules say must be signed, as present in the request. */
export function mandatorySignedHeaders(headers: IncomingHttpHeaders): string[] {
  return Object.keys(headers).filter(
    (name) => name === 'host' || name === 'content-type' || name.startsWith('x-acs-'),
  );
}

export function canonicalRequestV3(
  method: string,
  path: string,
  query: readonly (readonly [string, string])[],
  headers: IncomingHttpHeaders,
  signedHeaders: readonly string[],
  hashedPayload: string,
): string {
  const canonicalQuery = query
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const sorted = [...signedHeaders].sort();
  const canonicalHeaders = sorted
    .map((name) => {
      const value = headers[name];
      const text = Array.isArray(value) ? value.map((v) => v.trim()).join(',') : (value ?? '');
      return `${name}:${text.trim()}\n`;
    })
    .join('');
  return [
    method.toUpperCase(),
    path === '' ? '/' : path,
    canonicalQuery,
    canonicalHeaders,
    sorted.join(';'),
    hashedPayload,
  ].join('\n');
}

export function stringToSignV3(canonicalRequest: string): string {
  return `${V3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

export function signV3(accessKeySecret: string, stringToSign: string): string {
  return createHmac('sha256', accessKeySecret).update(stringToSign, 'utf8').digest('hex');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
