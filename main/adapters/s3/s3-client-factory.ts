import { S3Client } from '@aws-sdk/client-s3';

import type { TokenProvider } from '../../../app/ports/token-provider.js';
import type { SdkAgents } from '../network/proxy-agents.js';
import { DEFAULT_STALL_TIMEOUTS, type StallTimeouts } from '../network/stall-timeouts.js';

export interface S3ClientOptions {
  /** Omit for AWS S3. */
  readonly endpoint: string | undefined;
  readonly region: string;
  /** Ceph, MinIO and most on-premise stores need path-style URLs. */
  readonly forcePathStyle: boolean;
  /** Called once per request: `() => tokens.get()` of the profile's TokenProvider. */
  readonly credentials: TokenProvider['get'];
  /** Sockets kept alive per host; size it to the transfer concurrency. */
  readonly maxSockets?: number;
  /** Proxy agents (see network/proxy-agents.ts); direct keep-alive connections otherwise. */
  readonly agents?: SdkAgents;
  /** Connect and idle limits (tests shorten them); DEFAULT_STALL_TIMEOUTS otherwise. */
  readonly stallTimeouts?: StallTimeouts;
}

/**
 * An S3 client that signs every request with the TokenProvider's current token.
 *
 * - The provider is marked `memoized` so the SDK calls it once on every request instead of
 *   caching the identity itself: the SDK's cache would keep a token that the broker has replaced
 *   after an auth error (DESIGN.md §4). The broker is the single memoizer.
 * - No request hangs forever, yet none is cut for being long: see `stallLimits`.
 * - Checksums only "when required": the SDK's default flexible checksums send streaming bodies
 *   aws-chunked with trailers, which Ceph RGW (and other non-AWS stores) reject with 411.
 */
export function createS3Client(options: S3ClientOptions): S3Client {
  const provider = Object.assign(
    async () => {
      const c = await options.credentials();
      return {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        sessionToken: c.sessionToken,
        expiration: c.expiration,
      };
    },
    { memoized: true },
  );
  return new S3Client({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle,
    credentials: provider,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // Retries are Ferry's (a decorator with backoff and error classes); the SDK's own would
    // re-send the same stale token.
    maxAttempts: 1,
    requestHandler: {
      ...stallLimits(options.stallTimeouts ?? DEFAULT_STALL_TIMEOUTS),
      httpAgent: options.agents?.httpAgent ?? {
        keepAlive: true,
        maxSockets: options.maxSockets ?? 16,
      },
      httpsAgent: options.agents?.httpsAgent ?? {
        keepAlive: true,
        maxSockets: options.maxSockets ?? 16,
      },
    },
  });
}

/**
 * NodeHttpHandler's limits for a stalled request, and only those (@smithy/node-http-handler 4.x,
 * dist-cjs/index.js, and @smithy/types http/httpHandlerInitialization.d.ts):
 * - `connectionTimeout`: the socket must connect within it (`setConnectionTimeout`);
 * - `socketTimeout`: `socket.setTimeout(ms)` on the request's socket (`setSocketTimeout`), the
 *   idle timeout: it fires only when no byte was read or written for that long, so a slow but
 *   moving 5 GiB part is never cut. It rejects with name `TimeoutError`, which network-error.ts
 *   maps to a retried `network` SyncError.
 * - `requestTimeout` is left unset on purpose: since 4.x it is a timer over the whole request
 *   (`setRequestTimeout`, a plain setTimeout; the d.ts says it "was for a long time incorrectly
 *   being set as a socket idle timeout") and only warns unless `throwOnRequestTimeout`.
 * Both limits work with the proxy agents: the handler sets them on whatever socket the agent
 * hands the request (the CONNECT tunnel's TLS socket for https through a proxy).
 */
export function stallLimits(timeouts: StallTimeouts): {
  readonly connectionTimeout: number;
  readonly socketTimeout: number;
} {
  return { connectionTimeout: timeouts.connectMs, socketTimeout: timeouts.idleMs };
}
