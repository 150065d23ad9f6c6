import type { TemporaryCredentials } from '../../app/ports/temporary-credentials.js';
import type { SyncError } from '../../app/errors/sync-error.js';
import type { TokenProvider } from '../../app/ports/token-provider.js';

/**
 * A TokenProvider whose tokens are numbered by generation. `forceRefresh` replaces the token
 * only when asked about the current one (as the broker does), and records what it was asked;
 * `get` counts its callers. Never expires anything: timing is the broker's test's business.
 */
export class FakeTokenProvider implements TokenProvider {
  generation = 1;
  gets = 0;
  /** The `rejectedGeneration` of every forceRefresh call, in order. */
  readonly forced: number[] = [];
  private refreshFailures: SyncError[] = [];

  get(): Promise<TemporaryCredentials> {
    this.gets += 1;
    return Promise.resolve(tokenOf(this.generation));
  }

  forceRefresh(rejectedGeneration: number): Promise<TemporaryCredentials> {
    this.forced.push(rejectedGeneration);
    const failure = this.refreshFailures.shift();
    if (failure) return Promise.reject(failure);
    if (rejectedGeneration === this.generation) this.generation += 1;
    return Promise.resolve(tokenOf(this.generation));
  }

  /** The next forced refreshes fail with these errors (the source is down, the secret wrong). */
  failNextRefresh(...errors: SyncError[]): void {
    this.refreshFailures.push(...errors);
  }
}

/** The token of generation `n`: recognisable in assertions, never a real secret. */
export function tokenOf(n: number): TemporaryCredentials {
  return {
    accessKeyId: `FAKEKEY${String(n).padStart(6, '0')}`,
    secretAccessKey: `fake-secret-${n}`,
    sessionToken: `fake-token-${n}`,
    expiration: new Date(Date.UTC(2030, 0, 1)),
  };
}
