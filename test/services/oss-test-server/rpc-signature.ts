import { createHmac } from 'node:crypto';

/**
 * Alibaba Cloud RPC-style request signature ("Request syntax and signature method V2 for RPC
 * APIs", SignatureMethod HMAC-SHA1, SignatureVersion 1.0), which STS AssumeRole uses:
 *
 *   CanonicalizedQueryString = every parameter except Signature, sorted by name,
 *                              each percentEncode(name) + "=" + percentEncode(value), joined "&"
 *   StringToSign = HTTPMethod + "&" + percentEncode("/") + "&" + percentEncode(CanonicalizedQueryString)
 *   Signature    = base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign))
 *
 * percentEncode is RFC 3986: A–Z a–z 0–9 - _ . ~ stay, everything else (space included) becomes
 * %XY of its UTF-8 bytes in upper case.
 */

export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function rpcStringToSign(method: string, params: ReadonlyMap<string, string>): string {
  const canonical = [...params.entries()]
    .filter(([name]) => name !== 'Signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&');
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonical)}`;
}

export function rpcSignature(accessKeySecret: string, stringToSign: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}
