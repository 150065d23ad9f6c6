import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';

import type { fetch as undiciFetch, ProxyAgent } from 'undici';

import { proxyAgentClasses, undici } from '../system/lazy-modules.js';

import { chooseProxy, type ProxySettings } from '../../../app/network/proxy-rules.js';

/** Proxy settings from the config and the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY). */
export function proxySettings(
  configured: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ProxySettings {
  return {
    configured,
    httpsProxy: env['HTTPS_PROXY'] ?? env['https_proxy'],
    httpProxy: env['HTTP_PROXY'] ?? env['http_proxy'],
    noProxy: env['NO_PROXY'] ?? env['no_proxy'],
  };
}

/** The proxy for one URL, or undefined for a direct connection. */
export function proxyFor(url: string, settings: ProxySettings): string | undefined {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  return chooseProxy(
    { protocol: parsed.protocol, hostname: parsed.hostname, port: parsed.port },
    settings,
  );
}

export interface SdkAgents {
  readonly httpAgent?: HttpAgent;
  readonly httpsAgent?: HttpsAgent;
}

/**
 * Agents for an AWS SDK client talking to `endpoint` (S3 or STS): through the proxy when one
 * applies (CONNECT tunnel for https, absolute-URI requests for http), keep-alive either way.
 * `endpoint` undefined means AWS itself (https).
 */
export function sdkAgents(
  endpoint: string | undefined,
  settings: ProxySettings,
  maxSockets: number,
): SdkAgents {
  const proxy = proxyFor(endpoint ?? 'https://amazonaws.com', settings);
  if (!proxy) return {};
  const options = { keepAlive: true, maxSockets };
  const { HttpProxyAgent, HttpsProxyAgent } = proxyAgentClasses();
  return {
    httpAgent: new HttpProxyAgent(proxy, options),
    httpsAgent: new HttpsProxyAgent(proxy, options),
  };
}

/** A fetch that goes through the proxy when one applies to the URL (the vendor source's). */
export function proxiedFetch(settings: ProxySettings): typeof fetch {
  const dispatchers = new Map<string, ProxyAgent>();
  return (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const proxy = proxyFor(url, settings);
    if (!proxy) return fetch(input, init);
    let dispatcher = dispatchers.get(proxy);
    if (!dispatcher) {
      dispatcher = new (undici().ProxyAgent)(proxy);
      dispatchers.set(proxy, dispatcher);
    }
    // undici's own fetch: Node's built-in one cannot take a dispatcher from another undici copy.
    return undici().fetch(url, {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher,
    });
  };
}
