import { createHash, createHmac } from 'node:crypto';

import type { TemporaryCredentials } from '../../../app/ports/temporary-credentials.js';
import { encodeRfc3986 } from './s3-object-address.js';

/**
 * The payload-hash value that says "the body is not part of the signature" (AWS S3 API
 * reference, "Signature Calculations for the Authorization Header: Transferring Payload in a
 * Single Chunk": the canonical request ends with the literal UNSIGNED-PAYLOAD and the request
 * carries `x-amz-content-sha256: UNSIGNED-PAYLOAD`). The body's integrity is then the job of
 * the signed `Content-MD5` header, which S3 checks against the bytes it received (RFC 1864;
 * AWS S3 API reference, PutObject and UploadPart: "Content-MD5 … used as a message integrity
 * check"), so damaged bytes are still refused (400 BadDigest) while the client hashes each byte
 * once (MD5) instead of twice (MD5 + SHA-256).
 */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/** What the signer needs of a request: the same fields as @smithy/types HttpRequest. */
export interface SignableRequest {
  readonly method: string;
  readonly protocol: string;
  readonly hostname: string;
  readonly port?: number | undefined;
  /** Already URI-encoded, exactly as sent (S3 paths are not encoded twice, see below). */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case names; `host` and `content-md5` among them. Every header given is signed. */
  readonly headers: Readonly<Record<string, string>>;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const SERVICE = 's3';

/**
 * Signs one request with AWS Signature Version 4 and returns the headers to send (the given
 * ones plus `x-amz-content-sha256`, `x-amz-date`, `x-amz-security-token`, `authorization`).
 *
 * The same bytes as the SDK's own signer (@smithy/signature-v4 5.x `SignatureV4.signRequest`
 * with `uriEscapePath: false`, `applyChecksum: false`; a unit test compares the two on random
 * requests), written out because that signer cost ~100 µs of CPU a request here: a signer
 * object, an HMAC of the secret for its key cache's name, and a promise per hash, for every
 * 16 KiB file. The steps (AWS General Reference, "Create a signed AWS API request", SigV4):
 * - `x-amz-content-sha256: UNSIGNED-PAYLOAD` is the payload hash; the body is never read.
 * - Every header given is signed, so `content-md5` is in SignedHeaders: a proxy cannot change
 *   the digest without breaking the signature (AWS SigV4: "you can include any other headers
 *   in the signature", S3 "Authenticating Requests: Using the Authorization Header").
 * - The path is signed as sent, without the second encoding other AWS services use (S3's
 *   signer config `signingEscapePath: false`); query names and values RFC 3986-encoded, sorted.
 * - Header values trimmed, runs of spaces and tabs folded to one, line breaks to spaces
 *   (smithy `getCanonicalHeaders`).
 * - The signing key (four HMACs from the secret) is kept per scope and secret (signingKeyFor).
 */
export function signUnsignedPayload(
  request: SignableRequest,
  credentials: TemporaryCredentials,
  signingRegion: string,
  signingDate: Date = new Date(),
): Record<string, string> {
  const longDate = signingDate
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  const shortDate = longDate.slice(0, 8);
  const scope = `${shortDate}/${signingRegion}/${SERVICE}/aws4_request`;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!GENERATED.has(name.toLowerCase())) headers[name] = value;
  }
  headers['x-amz-content-sha256'] = UNSIGNED_PAYLOAD;
  headers['x-amz-date'] = longDate;
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;

  const canonical = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (UNSIGNABLE.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-')) continue;
    canonical.set(
      lower,
      value
        .replace(/[\r\n]/g, ' ')
        .replace(/[ \t]+/g, ' ')
        .replace(/^ | $/g, ''),
    );
  }
  const names = [...canonical.keys()].sort();
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    request.method,
    request.path,
    canonicalQuery(request.query),
    ...names.map((name) => `${name}:${canonical.get(name) ?? ''}`),
    '',
    signedHeaders,
    UNSIGNED_PAYLOAD,
  ].join('\n');
  const stringToSign = [
    ALGORITHM,
    longDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const signature = createHmac('sha256', signingKeyFor(credentials, shortDate, signingRegion))
    .update(stringToSign)
    .digest('hex');
  headers['authorization'] =
    `${ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, ` +
    `SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}

/** Headers the signer writes itself; a caller's are dropped (smithy `GENERATED_HEADERS`). */
const GENERATED: ReadonlySet<string> = new Set(['authorization', 'x-amz-date', 'date']);

/** Sent but never signed (smithy `ALWAYS_UNSIGNABLE_HEADERS`, plus `proxy-*` and `sec-*`). */
const UNSIGNABLE: ReadonlySet<string> = new Set([
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
]);

/** Names and values RFC 3986-encoded, sorted by encoded name (smithy `getCanonicalQuery`). */
function canonicalQuery(query: Readonly<Record<string, string>>): string {
  return Object.entries(query)
    .filter(([name]) => name.toLowerCase() !== 'x-amz-signature')
    .map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/**
 * kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), "s3"), "aws4_request"), kept
 * per scope (day and region) together with the secret it came from: a renewed token (another
 * secret) derives its own, and the few scopes one process signs for bound the cache.
 */
const signingKeys = new Map<string, { readonly secret: string; readonly key: Buffer }>();
const MAX_SCOPES = 16;

function signingKeyFor(
  credentials: TemporaryCredentials,
  shortDate: string,
  region: string,
): Buffer {
  const scope = `${shortDate}/${region}`;
  const known = signingKeys.get(scope);
  if (known?.secret === credentials.secretAccessKey) return known.key;
  let key: Buffer = Buffer.from(`AWS4${credentials.secretAccessKey}`, 'utf8');
  for (const part of [shortDate, region, SERVICE, 'aws4_request']) {
    key = createHmac('sha256', key).update(part).digest();
  }
  if (signingKeys.size >= MAX_SCOPES) signingKeys.clear();
  signingKeys.set(scope, { secret: credentials.secretAccessKey, key });
  return key;
}
