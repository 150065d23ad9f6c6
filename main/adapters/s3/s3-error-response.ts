import type { IncomingHttpHeaders } from 'node:http';

/**
 * A refusal read off the wire by the lean data path, shaped like the errors of
 * @aws-sdk/client-s3 (`name` = the S3 error code, `$metadata.httpStatusCode`, `$response.headers`,
 * `ServerTime` of RequestTimeTooSkewed), so that s3-error.ts (`translateS3Error`, over
 * sdk-errors/aws-sdk-failure.ts) reads both paths with one reader and the engine sees the same
 * SyncError codes whichever path sent the bytes (an expired token: `access-denied`, which the
 * AuthRetryingStore retries once with a fresh one). It carries the answer only, never the signed
 * request (no token in any printed cause chain).
 */
export class S3ResponseError extends Error {
  readonly $fault: 'client' | 'server';
  readonly $metadata: { readonly httpStatusCode: number; readonly requestId?: string };
  readonly $response: { readonly statusCode: number; readonly headers: Record<string, string> };
  /** The store's clock, from RequestTimeTooSkewed's body (clock-skew.ts compares it). */
  readonly ServerTime?: string;

  constructor(status: number, headers: IncomingHttpHeaders, body: string) {
    const fields = parseS3ErrorBody(body);
    super(fields.message ?? `HTTP ${status}`);
    this.name = fields.code ?? fallbackName(status);
    this.$fault = status >= 500 ? 'server' : 'client';
    const flat = flatHeaders(headers);
    const requestId = flat['x-amz-request-id'] ?? fields.requestId;
    this.$metadata = { httpStatusCode: status, ...(requestId ? { requestId } : {}) };
    this.$response = { statusCode: status, headers: flat };
    if (fields.serverTime !== undefined) this.ServerTime = fields.serverTime;
  }
}

export interface S3ErrorFields {
  readonly code?: string;
  readonly message?: string;
  readonly requestId?: string;
  readonly serverTime?: string;
}

/**
 * The REST error body of S3 (AWS S3 API reference, "Error responses", REST error responses):
 * `<Error><Code>NoSuchKey</Code><Message>…</Message><Resource>…</Resource>
 * <RequestId>…</RequestId></Error>`, Content-Type application/xml; RequestTimeTooSkewed adds
 * `<ServerTime>`. Ceph RGW and MinIO answer in the same shape. A flat document of text
 * elements, so a few anchored patterns read it; anything else (an HTML page from a proxy, an
 * empty body) yields no fields and the status decides.
 */
export function parseS3ErrorBody(body: string): S3ErrorFields {
  if (!/<Error[\s>]/.test(body)) return {};
  const code = element(body, 'Code');
  const message = element(body, 'Message');
  const requestId = element(body, 'RequestId');
  const serverTime = element(body, 'ServerTime');
  return {
    ...(code ? { code } : {}),
    ...(message ? { message } : {}),
    ...(requestId ? { requestId } : {}),
    ...(serverTime ? { serverTime } : {}),
  };
}

function element(body: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(body);
  return match?.[1] === undefined ? undefined : decodeXmlText(match[1]).trim();
}

/** The five predefined entities and numeric references (XML 1.0 §4.6, §4.1). */
function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (whole, ref: string) => {
    const lower = ref.toLowerCase();
    if (lower === 'amp') return '&';
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    const point = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1));
    return Number.isFinite(point) && point <= 0x10ffff ? String.fromCodePoint(point) : whole;
  });
}

/**
 * A bodiless refusal's name, as the SDK names one (HEAD answers have no body): 404 NotFound,
 * 403 Forbidden; store-error.ts classifies by status as well, so only the text differs.
 */
function fallbackName(status: number): string {
  if (status === 404) return 'NotFound';
  if (status === 403) return 'Forbidden';
  if (status === 400) return 'BadRequest';
  return status >= 500 ? 'InternalError' : `Http${status}`;
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
