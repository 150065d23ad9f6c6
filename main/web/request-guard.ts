import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to `ferry serve`. It listens on 127.0.0.1 only, but every web page the user
 * opens can reach 127.0.0.1 too, so three checks stand between a page and the engine:
 * - Host must name this server (a DNS-rebinding page arrives with its own host name). It is
 *   compared as a string before anything parses the request: a Host such as `a b` must be
 *   refused, not fed to `new URL` (which throws);
 * - Origin, when the browser sends one, must be this server (another site's page cannot use
 *   the bridge even if it guessed the port);
 * - the random token, compared in constant time. The printed URL carries it once; the page
 *   trades it for a cookie (see `sessionCookie`) so it leaves the address bar and history.
 */
export class RequestGuard {
  private readonly token: Buffer;
  private readonly hosts: ReadonlySet<string>;
  /** Cookies are shared by every port of a host (RFC 6265 §8.5), so the name carries ours:
   *  two `ferry serve` on one machine keep their own tokens. */
  readonly cookieName: string;

  constructor(token: string, port: number) {
    this.token = Buffer.from(token);
    this.hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    this.cookieName = `ferry_token_${port}`;
  }

  /** Host header check, for every request including the page itself. */
  hostAllowed(request: IncomingMessage): boolean {
    const host = request.headers.host;
    return typeof host === 'string' && this.hosts.has(host.toLowerCase());
  }

  /** A request from a browser carries an Origin on WebSocket upgrades and PUTs. */
  originAllowed(request: IncomingMessage, required: boolean): boolean {
    const origin = request.headers.origin;
    if (origin === undefined) return !required;
    // Only the exact forms a browser sends for this page: no parsing needed, nothing to trick.
    return [...this.hosts].some((host) => origin === `http://${host}`);
  }

  tokenValid(candidate: string | null | undefined): boolean {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    return given.length === this.token.length && timingSafeEqual(given, this.token);
  }

  /** Whether any credential the request carries (`?token=`, `X-Ferry-Token`, the cookie) is
   *  the token. Each is checked in constant time. */
  authenticated(request: IncomingMessage, url: URL): boolean {
    const header = request.headers['x-ferry-token'];
    return (
      this.tokenValid(url.searchParams.get('token')) ||
      this.tokenValid(typeof header === 'string' ? header : null) ||
      this.tokenValid(this.cookieToken(request))
    );
  }

  /**
   * The cookie that replaces the token in the URL. HttpOnly: page scripts (and anything
   * injected into them) cannot read it. SameSite=Strict: no other site's page can make the
   * browser send it. No Max-Age: it ends with the browser session, and a restarted server
   * (new token) simply asks for the printed URL again.
   */
  sessionCookie(): string {
    return `${this.cookieName}=${this.token.toString()}; Path=/; HttpOnly; SameSite=Strict`;
  }

  private cookieToken(request: IncomingMessage): string | null {
    const header = request.headers.cookie;
    if (typeof header !== 'string') return null;
    for (const part of header.split(';')) {
      const separator = part.indexOf('=');
      if (separator > 0 && part.slice(0, separator).trim() === this.cookieName) {
        return part.slice(separator + 1).trim();
      }
    }
    return null;
  }
}

/** The request's path and query, parsed against a fixed base: the Host header never takes part
 *  (it was checked as a plain string). Null for a target that is not a URL path. */
export function requestUrl(request: IncomingMessage): URL | null {
  const target = request.url ?? '/';
  if (!target.startsWith('/')) return null; // absolute-form or `*`: not for this server
  try {
    return new URL(target, 'http://127.0.0.1');
  } catch {
    return null;
  }
}
