import type { CredentialBroker } from './credential-broker.js';

/**
 * Runs a store operation; if the store rejects the credentials, forces one refresh and retries
 * once, then lets the error surface (DESIGN.md §4). Expired tokens come back as a plain 403
 * AccessDenied on CTyun and Ceph, indistinguishable from a policy denial, so the classifier is
 * deliberately broad and the single retry is what tells the two apart.
 */
export async function withAuthRetry<T>(
  broker: CredentialBroker,
  operation: () => Promise<T>,
  isAuthFailure: (error: unknown) => boolean,
): Promise<T> {
  await broker.get();
  const generation = broker.generation;
  try {
    return await operation();
  } catch (error) {
    if (!isAuthFailure(error)) throw error;
    await broker.forceRefresh(generation);
    return operation();
  }
}
