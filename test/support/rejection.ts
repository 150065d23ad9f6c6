import type { SyncError } from '../../app/errors/sync-error.js';

/** The error a promise rejects with; fails the test if it resolves instead. */
export async function rejection(promise: Promise<unknown>): Promise<SyncError> {
  try {
    await promise;
  } catch (error) {
    return error as SyncError;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
