/**
 * Plain HTTP sends signatures and session tokens in the clear. Ferry allows it only to this
 * machine (a local MinIO or Ceph) unless the profile opts in with `allowHttp: true`.
 * (app/ has no URL global: it is neither node nor DOM, so the host is read with a pattern.)
 */
const URL_HOST = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]+\]|[^/:?#]+)/i;

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function isInsecureRemoteUrl(url: string): boolean {
  const match = URL_HOST.exec(url);
  if (!match) return false;
  return (match[1] ?? '').toLowerCase() === 'http' && !isLoopbackHost(match[2] ?? '');
}
