import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type {
  ObjectStore,
  PutObjectRequest,
  StoredResult,
  UploadPartRequest,
} from '../ports/object-store.js';
import type { CredentialBroker } from './credential-broker.js';

/** Bodies smaller than this say more about latency than speed: they do not update the estimate. */
const MIN_MEASURED_BYTES = 256 * 1024;
/** Weight of the newest measurement in the speed estimate (exponential moving average). */
const SPEED_WEIGHT = 0.3;
/** A body starts with a token that has at least this many times its expected duration left. */
export const LIFE_FACTOR = 2;
/** Warned-about keys remembered (once per file); forgotten in bulk past this many. */
const MAX_WARNED_KEYS = 1_000;

/**
 * Makes `broker` hold a token with at least `neededMs` left, refreshing first when it has less
 * and a refresh could help: not when the token is as fresh as the source makes them (younger
 * than a tenth of its life) nor while a failed refresh is backing off. Single-flight with every
 * other caller (refreshNow shares an in-flight refresh). Never throws for a failed refresh: the
 * held token is still usable and the request goes with it. Returns what the token has left.
 */
export async function ensureTokenLife(
  broker: CredentialBroker,
  clock: Clock,
  neededMs: number,
): Promise<{ readonly refreshed: boolean; readonly remainingMs: number }> {
  await broker.get();
  const before = broker.status();
  const now = clock.now();
  const expiresAt = before.expiresAt ?? now;
  const remainingMs = expiresAt - now;
  if (remainingMs >= neededMs) return { refreshed: false, remainingMs };
  const obtainedAt = before.lastRefreshAt ?? now;
  const fresh = now - obtainedAt < (expiresAt - obtainedAt) * 0.1;
  const backingOff = before.state === 'failing' && (before.retryAt ?? 0) > now;
  if (fresh || backingOff) return { refreshed: false, remainingMs };
  try {
    const token = await broker.refreshNow();
    return { refreshed: true, remainingMs: token.expiration.getTime() - clock.now() };
  } catch {
    return { refreshed: false, remainingMs };
  }
}

export interface TokenLifeGuardOptions {
  readonly store: ObjectStore;
  readonly broker: CredentialBroker;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Profile id, for the log. */
  readonly label: string;
  /** Also tells the transfer's row (once per file): the bucket and key, and what was done. */
  readonly onWarning?: (bucket: string, key: string, note: string) => void;
}

/**
 * Expiry versus ETA (issue 12, item 5). A part (or a single-PUT file) is signed when it starts;
 * at the speed measured so far it needs `size / speed`. When the token has less than twice that
 * left, the body starts only after a refresh, and the log says so once per file with the numbers.
 * If even a fresh token cannot last that long (its whole life is shorter than the body needs),
 * the log says how to fix it (longer tokens or smaller parts). Decorates the store so every
 * uploader and every provider gets it; all other calls pass straight through.
 */
export class TokenLifeGuard implements ObjectStore {
  readonly integrity: ObjectStore['integrity'];
  private bytesPerMs: number | undefined;
  private readonly warned = new Set<string>();

  constructor(private readonly options: TokenLifeGuardOptions) {
    this.integrity = options.store.integrity;
  }

  /** The current estimate, bytes per second; undefined before a body large enough was sent. */
  get bytesPerSecond(): number | undefined {
    return this.bytesPerMs === undefined ? undefined : this.bytesPerMs * 1000;
  }

  async putObject(request: PutObjectRequest): Promise<StoredResult> {
    await this.beforeBody(request.bucket, request.key, request.body.byteLength, 'file');
    return this.measured(request.body.byteLength, () => this.options.store.putObject(request));
  }

  async uploadPart(request: UploadPartRequest): Promise<StoredResult> {
    await this.beforeBody(
      request.bucket,
      request.key,
      request.body.byteLength,
      `part ${request.partNumber}`,
    );
    return this.measured(request.body.byteLength, () => this.options.store.uploadPart(request));
  }

  createMultipart: ObjectStore['createMultipart'] = (request) =>
    this.options.store.createMultipart(request);
  listParts: ObjectStore['listParts'] = (request) => this.options.store.listParts(request);
  completeMultipart: ObjectStore['completeMultipart'] = (request) =>
    this.options.store.completeMultipart(request);
  abortMultipart: ObjectStore['abortMultipart'] = (request) =>
    this.options.store.abortMultipart(request);
  head: ObjectStore['head'] = (request) => this.options.store.head(request);
  list: ObjectStore['list'] = (request) => this.options.store.list(request);
  delete: ObjectStore['delete'] = (request) => this.options.store.delete(request);
  listMultipartUploads: ObjectStore['listMultipartUploads'] = (request) =>
    this.options.store.listMultipartUploads(request);

  private async beforeBody(
    bucket: string,
    key: string,
    bytes: number,
    what: string,
  ): Promise<void> {
    const speed = this.bytesPerMs;
    if (speed === undefined || speed <= 0) return;
    const { broker, clock, logger, label } = this.options;
    const expectedMs = bytes / speed;
    const heldUntil = broker.status().expiresAt;
    // No token held: the request's own get() fetches a fresh one.
    if (heldUntil === null) return;
    const leftBefore = heldUntil - clock.now();
    if (leftBefore >= expectedMs * LIFE_FACTOR) return;
    const { refreshed, remainingMs } = await ensureTokenLife(
      broker,
      clock,
      expectedMs * LIFE_FACTOR,
    );
    if (this.warned.has(key)) return;
    if (this.warned.size >= MAX_WARNED_KEYS) this.warned.clear();
    this.warned.add(key);
    const numbers = {
      profile: label,
      key,
      what,
      bytes,
      bytesPerSecond: Math.round(speed * 1000),
      expectedSeconds: Math.round(expectedMs / 1000),
      tokenSecondsLeft: Math.round(leftBefore / 1000),
      tokenSecondsLeftNow: Math.round(remainingMs / 1000),
    };
    const seconds = (ms: number) => `${Math.max(0, Math.round(ms / 1000))} s`;
    const facts = `at ${Math.round((speed * 1000) / 1024)} KiB/s it needs ~${seconds(expectedMs)}, the token had ${seconds(leftBefore)} left`;
    const note =
      remainingMs >= expectedMs
        ? `${what} could outlive its token (${facts}): ${refreshed ? 'started after a refresh' : 'started with the token held'}`
        : `${what} needs longer than a fresh token lasts (${facts}, ${seconds(remainingMs)} now): raise the profile's durationSeconds or lower transfers.partSize`;
    logger.warn(`${key}: ${note}`, numbers);
    this.options.onWarning?.(bucket, key, note);
  }

  private async measured(bytes: number, send: () => Promise<StoredResult>): Promise<StoredResult> {
    const started = this.options.clock.now();
    const result = await send();
    const elapsed = this.options.clock.now() - started;
    if (bytes >= MIN_MEASURED_BYTES && elapsed > 0) {
      const speed = bytes / elapsed;
      this.bytesPerMs =
        this.bytesPerMs === undefined
          ? speed
          : this.bytesPerMs * (1 - SPEED_WEIGHT) + speed * SPEED_WEIGHT;
    }
    return result;
  }
}
