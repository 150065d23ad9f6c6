import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to `ferry serve`. It listens on 127.0.0.1 only, but every web page the user
 * opens can reach 127.0.0.1 too, so three checks stand between a page and the engine:
 * - Host must name this server (a DNS-rebinding page arrives with its own host name);
 * - Origin, when the browser sends one, must be this server (another site's page cannot use
 *   the bridge even if it guessed the port);
 * - the random token from the printed URL, compared in constant time.
 */
export class RequestGuard {
  private readonly token: Buffer;
  private readonly hosts: ReadonlySet<string>;

  constructor(token: string, port: number) {
    this.token = Buffer.from(token);
    this.hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  }

  /** Host header check, for every request including the page itself. */
  hostAllowed(request: IncomingMessage): boolean {
    return this.hosts.has(request.headers.host ?? '');
  }

  /** A request from a browser carries an Origin on WebSocket upgrades and PUTs. */
  originAllowed(request: IncomingMessage, required: boolean): boolean {
    const origin = request.headers.origin;
    if (origin === undefined) return !required;
    try {
      const url = new URL(origin);
      return url.protocol === 'http:' && this.hosts.has(url.host);
    } catch {
      return false;
    }
  }

  tokenValid(candidate: string | null | undefined): boolean {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    return given.length === this.token.length && timingSafeEqual(given, this.token);
  }

  /** The token from `?token=` or the `X-Ferry-Token` header. */
  tokenOf(request: IncomingMessage, url: URL): string | null {
    const header = request.headers['x-ferry-token'];
    return url.searchParams.get('token') ?? (typeof header === 'string' ? header : null);
  }
}
