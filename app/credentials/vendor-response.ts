import { SyncError } from '../errors/sync-error.js';
import type { TemporaryCredentials } from '../ports/temporary-credentials.js';

/**
 * The shapes a token-vending backend may answer with:
 * - AWS (as STS and the SDK's `fromHttp` use):
 *   `{"Credentials":{"AccessKeyId","SecretAccessKey","SessionToken","Expiration"}}`
 * - Alibaba flat (the OSS "app server" sample):
 *   `{"AccessKeyId","AccessKeySecret","SecurityToken","Expiration"}`
 * - Alibaba STS forwarded as is: the flat fields inside `"Credentials"`.
 * Anything else is rejected with the name of the missing or wrong field. Values are never
 * echoed in errors (they may be secrets), except Expiration, which is not.
 */
const AWS_FIELDS = { id: 'AccessKeyId', secret: 'SecretAccessKey', token: 'SessionToken' } as const;
const ALIBABA_FIELDS = {
  id: 'AccessKeyId',
  secret: 'AccessKeySecret',
  token: 'SecurityToken',
} as const;
type FieldNames = typeof AWS_FIELDS | typeof ALIBABA_FIELDS;

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

function bad(message: string): SyncError {
  return new SyncError(
    'vendor-bad-response',
    'retry',
    `The token backend's answer is not usable: ${message}.`,
    {
      hint: 'Fix the token backend to answer with {"Credentials":{"AccessKeyId","SecretAccessKey","SessionToken","Expiration"}} or the flat Alibaba shape.',
    },
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(record: Record<string, unknown>, field: string, path: string): string {
  const value = record[field];
  if (value === undefined || value === null) throw bad(`${path}${field} is missing`);
  if (typeof value !== 'string') {
    throw bad(
      `${path}${field} must be a string, got ${Array.isArray(value) ? 'array' : typeof value}`,
    );
  }
  if (value.trim() === '') throw bad(`${path}${field} is empty`);
  return value;
}

function pickShape(body: Record<string, unknown>): {
  record: Record<string, unknown>;
  path: string;
  names: FieldNames;
} {
  const nested = body['Credentials'];
  if (nested !== undefined) {
    if (!isRecord(nested)) throw bad('Credentials must be an object');
    const names =
      'AccessKeySecret' in nested || 'SecurityToken' in nested ? ALIBABA_FIELDS : AWS_FIELDS;
    return { record: nested, path: 'Credentials.', names };
  }
  if ('AccessKeySecret' in body || 'SecurityToken' in body) {
    return { record: body, path: '', names: ALIBABA_FIELDS };
  }
  if ('AccessKeyId' in body || 'SecretAccessKey' in body || 'SessionToken' in body) {
    // A flat AWS-style answer is almost a match; say exactly what is expected.
    throw bad(
      'AWS-style fields must be inside "Credentials" (flat answers use the Alibaba names AccessKeySecret and SecurityToken)',
    );
  }
  throw bad(
    'it has neither a "Credentials" object nor the fields AccessKeyId, AccessKeySecret, SecurityToken, Expiration',
  );
}

export function parseVendorResponse(body: unknown, now: number): TemporaryCredentials {
  if (!isRecord(body)) {
    throw bad(
      `expected a JSON object, got ${Array.isArray(body) ? 'an array' : body === null ? 'null' : typeof body}`,
    );
  }
  const { record, path, names } = pickShape(body);
  const accessKeyId = requireString(record, names.id, path);
  const secretAccessKey = requireString(record, names.secret, path);
  const sessionToken = requireString(record, names.token, path);
  const expirationText = requireString(record, 'Expiration', path);
  const expiration = new Date(expirationText);
  if (!ISO_8601.test(expirationText) || Number.isNaN(expiration.getTime())) {
    throw bad(
      `${path}Expiration "${expirationText.slice(0, 40)}" is not an ISO 8601 time with a time zone, such as 2026-01-01T12:00:00Z`,
    );
  }
  if (expiration.getTime() <= now) {
    throw new SyncError(
      'vendor-expired-credentials',
      'retry',
      `The token backend sent credentials that expired at ${expiration.toISOString()} (local time ${new Date(now).toISOString()}).`,
      {
        hint: "The backend may be serving a stale cached token, or this computer's clock is ahead.",
      },
    );
  }
  return { accessKeyId, secretAccessKey, sessionToken, expiration };
}
