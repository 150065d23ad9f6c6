import type { ErrorCode, SyncError } from './sync-error.js';

const CREDENTIAL_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'secret-missing',
  'keychain-unavailable',
  'sts-invalid-request',
  'sts-denied',
  'sts-role-not-found',
  'sts-unreachable',
  'sts-server-error',
  'sts-bad-response',
  'vendor-unauthorized',
  'vendor-http-error',
  'vendor-unreachable',
  'vendor-bad-response',
  'vendor-expired-credentials',
  'credentials-unavailable',
  'policy-invalid',
]);

/**
 * No valid token can be had right now. Transfers wait (`waiting-for-credentials`) instead of
 * failing: the file itself is fine (DESIGN.md §4).
 */
export function isCredentialError(error: SyncError): boolean {
  return CREDENTIAL_CODES.has(error.code);
}

/** The same, for an error code carried as text (a transfer's recorded error). */
export function isCredentialCode(code: string): boolean {
  return CREDENTIAL_CODES.has(code as ErrorCode);
}
