/** Where a request goes, as far as proxy rules care. */
export interface ProxyTarget {
  readonly protocol: 'http:' | 'https:';
  readonly hostname: string;
  readonly port: string;
}

export interface ProxySettings {
  /** `proxy:` from the config: wins over the environment. */
  readonly configured?: string | undefined;
  readonly httpsProxy?: string | undefined;
  readonly httpProxy?: string | undefined;
  /** NO_PROXY: comma-separated hosts, `.domain` / `domain` suffixes, `host:port`, or `*`. */
  readonly noProxy?: string | undefined;
}

/**
 * The proxy a request should use, or undefined for a direct connection — the conventions of
 * curl and most CLI tools: HTTPS_PROXY for https targets, HTTP_PROXY for http ones, NO_PROXY
 * exempts hosts (a leading dot or none both match subdomains; `*` disables proxying).
 * A proxy configured in Ferry's config applies to both schemes; NO_PROXY still applies.
 */
export function chooseProxy(target: ProxyTarget, settings: ProxySettings): string | undefined {
  const proxy =
    settings.configured ??
    (target.protocol === 'https:' ? settings.httpsProxy : settings.httpProxy);
  if (!proxy) return undefined;
  return isExempt(target, settings.noProxy ?? '') ? undefined : proxy;
}

function isExempt(target: ProxyTarget, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  return noProxy
    .split(/[,\s]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '')
    .some((entry) => {
      if (entry === '*') return true;
      const [pattern = '', entryPort] = entry.startsWith('[')
        ? splitBracketed(entry)
        : splitPort(entry);
      if (entryPort !== undefined && entryPort !== port) return false;
      const domain = pattern.replace(/^\*?\./, '');
      return host === domain || host.endsWith(`.${domain}`);
    });
}

function splitPort(entry: string): [string, string | undefined] {
  const colon = entry.lastIndexOf(':');
  // A bare IPv6 address has several colons and no port.
  if (colon < 0 || entry.indexOf(':') !== colon) return [entry, undefined];
  return [entry.slice(0, colon), entry.slice(colon + 1)];
}

function splitBracketed(entry: string): [string, string | undefined] {
  const close = entry.indexOf(']');
  const host = entry.slice(1, close);
  const rest = entry.slice(close + 1);
  return [host, rest.startsWith(':') ? rest.slice(1) : undefined];
}
