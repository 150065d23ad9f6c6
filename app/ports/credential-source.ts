import type { TemporaryCredentials } from './temporary-credentials.js';

/**
 * Where temporary credentials come from (assume-role, aliyun-sts, vendor): one call, one fresh
 * token. Memoization and refresh timing belong to the CredentialBroker, never to a source.
 * Failures are thrown as SyncErrors whose code says what to fix.
 */
export type CredentialSource = () => Promise<TemporaryCredentials>;
