import { isSyncError } from '../errors/sync-error.js';
import type { ObjectStore } from '../ports/object-store.js';
import type { TokenProvider } from '../ports/token-provider.js';

/**
 * The one place that refreshes a rejected token (DESIGN.md §4): any ObjectStore, wrapped, gets
 * one forced refresh and one retry when it fails with `access-denied`, then the error surfaces.
 *
 * `access-denied` is what the adapters' translation (main/adapters/sdk-errors/store-error.ts)
 * makes of "these credentials are not good": deliberately broad, since expired tokens come back
 * as a plain 403 AccessDenied on CTyun and Ceph, indistinguishable from a policy denial; the
 * single retry is what tells the two apart. Refusals no token can fix have codes of their own
 * and are never retried here: `clock-skewed` (RequestTimeTooSkewed and its kin, clock-skew.ts),
 * `throttled`, and OSS's refusal of V1 signatures (`config-invalid`). The source's own errors
 * (`credentials-unavailable`, `sts-denied`…) pass through too: a refresh is what just failed.
 *
 * The token's generation is read before the call, so that many requests failing with one token
 * cause one refresh (TokenProvider.forceRefresh); the broker also rate-limits forced refreshes,
 * so a policy that denies every file costs two requests per file and no STS call per file.
 */
export class AuthRetryingStore implements ObjectStore {
  readonly integrity: ObjectStore['integrity'];

  constructor(
    private readonly store: ObjectStore,
    private readonly tokens: TokenProvider,
  ) {
    this.integrity = store.integrity;
  }

  putObject: ObjectStore['putObject'] = (request) =>
    this.retrying(() => this.store.putObject(request));
  createMultipart: ObjectStore['createMultipart'] = (request) =>
    this.retrying(() => this.store.createMultipart(request));
  uploadPart: ObjectStore['uploadPart'] = (request) =>
    this.retrying(() => this.store.uploadPart(request));
  listParts: ObjectStore['listParts'] = (request) =>
    this.retrying(() => this.store.listParts(request));
  completeMultipart: ObjectStore['completeMultipart'] = (request) =>
    this.retrying(() => this.store.completeMultipart(request));
  abortMultipart: ObjectStore['abortMultipart'] = (request) =>
    this.retrying(() => this.store.abortMultipart(request));
  head: ObjectStore['head'] = (request) => this.retrying(() => this.store.head(request));
  list: ObjectStore['list'] = (request) => this.retrying(() => this.store.list(request));
  delete: ObjectStore['delete'] = (request) => this.retrying(() => this.store.delete(request));
  listMultipartUploads: ObjectStore['listMultipartUploads'] = (request) =>
    this.retrying(() => this.store.listMultipartUploads(request));

  private async retrying<T>(operation: () => Promise<T>): Promise<T> {
    const generation = this.tokens.generation;
    try {
      return await operation();
    } catch (error) {
      if (!isCredentialRejection(error)) throw error;
      await this.tokens.forceRefresh(generation);
      return operation();
    }
  }
}

/** The store refused the request's credentials (and not its time, rate or signature version). */
export function isCredentialRejection(error: unknown): boolean {
  return isSyncError(error) && error.code === 'access-denied';
}
