import { parseVendorResponse } from '../../../app/credentials/vendor-response.js';
import { SyncError } from '../../../app/errors/sync-error.js';
import type { Clock } from '../../../app/ports/clock.js';
import type { CredentialSource } from '../../../app/ports/credential-source.js';
import type { SecretStore } from '../../../app/ports/secret-store.js';
import { innermostMessage, networkErrorCode } from '../sdk-errors/network-error.js';
import { vendorTarget } from '../../../app/credentials/secret-target.js';
import { requireSecret } from './require-secret.js';

export interface VendorSourceOptions {
  readonly profileId: string;
  readonly url: string;
  readonly timeoutMs: number;
  /** The session policy Ferry would ask for; sent so the backend can narrow its token. */
  readonly policy: string | undefined;
  readonly secrets: SecretStore;
  readonly clock: Clock;
  /** Injected for proxies (issue: transport); defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

/** Token backends answer with a few hundred bytes; anything huge is not a credential answer. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * The `vendor` source: POST to the company's token-vending URL with the device's bearer token
 * (from the keychain), in the pattern of Alibaba's "app server" and AWS's `fromHttp`.
 * Request body: `{"profileId": "...", "policy": "<session policy JSON>"}`.
 */
export function createVendorSource(options: VendorSourceOptions): CredentialSource {
  const doFetch = options.fetch ?? fetch;
  const where = `token backend ${options.url}`;
  return async () => {
    const bearer = await requireSecret(
      options.secrets,
      options.profileId,
      'bearer token for the token backend',
      // Bound to this URL: a config pointing the profile elsewhere does not get the token.
      vendorTarget(options.url),
    );
    let response: Response;
    let text: string;
    try {
      response = await doFetch(options.url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${bearer}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify({
          profileId: options.profileId,
          ...(options.policy ? { policy: options.policy } : {}),
        }),
        signal: AbortSignal.timeout(options.timeoutMs),
        redirect: 'error',
      });
      text = await readLimited(response);
    } catch (error) {
      if (error instanceof SyncError) throw error;
      const code = networkErrorCode(error);
      const message =
        code === 'timeout'
          ? `The ${where} did not answer within ${Math.round(options.timeoutMs / 1000)} s.`
          : `Cannot reach the ${where} (${code ?? innermostMessage(error)}).`;
      throw new SyncError('vendor-unreachable', 'retry', message, {
        hint: 'Check the network and proxy, or credentials.url and credentials.timeoutSeconds.',
        cause: error,
      });
    }
    if (response.status === 401 || response.status === 403) {
      throw new SyncError(
        'vendor-unauthorized',
        'fatal',
        `The ${where} refused this device's token (HTTP ${response.status}).`,
        {
          hint: `Get a new token from your administrator and store it with \`ferry secret set ${options.profileId}\`.`,
        },
      );
    }
    if (!response.ok) {
      const transient = response.status === 429 || response.status >= 500;
      throw new SyncError(
        'vendor-http-error',
        transient ? 'retry' : 'fatal',
        `The ${where} answered HTTP ${response.status}.`,
        {
          hint: transient
            ? 'Ferry will retry.'
            : 'Check credentials.url: the backend does not accept this request.',
        },
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // Never echo the body: a half-broken answer may still contain a secret.
      throw new SyncError(
        'vendor-bad-response',
        'retry',
        `The ${where} answered ${text.length} bytes of ${response.headers.get('content-type') ?? 'unknown type'} that are not JSON.`,
        {
          hint: 'The URL may point at a web page or a proxy error page; check credentials.url.',
        },
      );
    }
    return parseVendorResponse(body, options.clock.now());
  };
}

async function readLimited(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_RESPONSE_BYTES) throw tooLarge(declared);
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  // Read incrementally: a backend streaming an endless body must not exhaust memory.
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > MAX_RESPONSE_BYTES) {
      await response.body.cancel().catch(() => {});
      throw tooLarge(total);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(bytes: number): SyncError {
  return new SyncError(
    'vendor-bad-response',
    'retry',
    `The token backend's answer is over ${MAX_RESPONSE_BYTES} bytes (${bytes}); that is not a credential answer.`,
    {
      hint: 'Check credentials.url.',
    },
  );
}
