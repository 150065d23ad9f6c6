/**
 * Plain HTTP sends signatures and session tokens in the clear. Ferry allows it only to this
 * machine (a local MinIO or Ceph) unless the profile opts in with `allowHttp: true`.
 *
 * The host is read with the WHATWG URL parser, the one Node's fetch and the SDKs use to decide
 * where to connect: a hand-written pattern disagreed with it (it took `127.0.0.1` as the host
 * of `http://evil.example\@127.0.0.1/`, where WHATWG reads `\` as `/` and connects to
 * evil.example). https://url.spec.whatwg.org/#host-parsing (2026-11).
 */

/** app/ is neither node nor DOM, so it has no URL type; the global exists in both runtimes. */
declare const URL: new (input: string) => { readonly protocol: string; readonly hostname: string };

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function isInsecureRemoteUrl(url: string): boolean {
  let parsed: { readonly protocol: string; readonly hostname: string };
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL at all: insecure if it claims to be http, so it is never let through unchecked.
    return /^\s*http:/i.test(url);
  }
  return parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname);
}
