import type { TemporaryCredentials } from '../../app/ports/temporary-credentials.js';
import type { SyncError } from '../../app/errors/sync-error.js';
import type { CredentialSource } from '../../app/ports/credential-source.js';
import type { FakeClock } from './fake-clock.js';

/**
 * A credential source whose tokens expire on the fake clock. Calls can be scripted to fail or
 * to hang until released, to test single-flight and backoff.
 */
export class FakeSts {
  calls = 0;
  private failures: SyncError[] = [];
  private gate: { promise: Promise<void>; release: () => void } | undefined;

  constructor(
    private readonly clock: FakeClock,
    public lifetimeMs = 3_600_000,
  ) {}

  /** The next calls fail with these errors, in order. */
  failNext(...errors: SyncError[]): void {
    this.failures.push(...errors);
  }

  /** Calls block until `release()`. */
  hold(): () => void {
    let release = () => {};
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.gate = { promise, release };
    return () => {
      this.gate = undefined;
      release();
    };
  }

  readonly source: CredentialSource = async (): Promise<TemporaryCredentials> => {
    this.calls += 1;
    const n = this.calls;
    if (this.gate) await this.gate.promise;
    const failure = this.failures.shift();
    if (failure) throw failure;
    return {
      accessKeyId: `FAKEKEY${String(n).padStart(6, '0')}`,
      secretAccessKey: `fake-secret-${n}-abcdefghijklmnopqrstuvwxyz0123456789`,
      sessionToken: `fake-token-${n}-${'t'.repeat(40)}`,
      expiration: new Date(this.clock.now() + this.lifetimeMs),
    };
  };
}
