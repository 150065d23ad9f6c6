import { isIP } from 'node:net';

import { OssError } from './oss-errors.js';
import { SIGNED_SUB_RESOURCES } from './signature-v1.js';

/**
 * Which bucket, object and operation an HTTP request addresses.
 *
 * Two addressing styles are understood:
 * - virtual-hosted (OSS's normal form): the bucket is the first label of the Host header,
 *   `bucket.oss-cn-hangzhou.aliyuncs.com`, and the path is the key. ali-oss sends exactly this
 *   when its endpoint is an IP address: it connects to the IP but writes
 *   `Host: <bucket>.<region>.aliyuncs.com`.
 * - path style, when the Host is an IP address or "localhost": `/bucket/key`.
 * - a custom domain (CNAME) bound to the bucket: the whole Host names the bucket and the path is
 *   the key. Alibaba requires custom domains for data calls of new mainland accounts from
 *   2025-03-20 (help "Access OSS using an AWS SDK"; "Map custom domain names").
 * Under `*.aliyuncs.com` the bucket is everything before the endpoint's last three labels, so a
 * dotted name reaches the bucket-name check instead of being cut at its first dot.
 */

export type OssAction =
  | 'AbortMultipartUpload'
  | 'CompleteMultipartUpload'
  | 'DeleteObject'
  | 'GetObject'
  | 'GetObjectMeta'
  | 'HeadObject'
  | 'InitiateMultipartUpload'
  | 'ListMultipartUploads'
  | 'ListObjects'
  | 'ListObjectsV2'
  | 'ListParts'
  | 'PutObject'
  | 'UploadPart';

/** The RAM action that authorises each operation (OSS "RAM Policy" action table). */
export const RAM_ACTION: Readonly<Record<OssAction, string>> = {
  AbortMultipartUpload: 'oss:AbortMultipartUpload',
  CompleteMultipartUpload: 'oss:PutObject',
  DeleteObject: 'oss:DeleteObject',
  GetObject: 'oss:GetObject',
  GetObjectMeta: 'oss:GetObject',
  HeadObject: 'oss:GetObject',
  InitiateMultipartUpload: 'oss:PutObject',
  ListMultipartUploads: 'oss:ListMultipartUploads',
  ListObjects: 'oss:ListObjects',
  ListObjectsV2: 'oss:ListObjects',
  ListParts: 'oss:ListParts',
  PutObject: 'oss:PutObject',
  UploadPart: 'oss:PutObject',
};

export interface OssTarget {
  readonly bucket: string | undefined;
  readonly key: string | undefined;
  /** Decoded query parameters in request order (what the signature canonicalizes). */
  readonly query: readonly (readonly [string, string])[];
  /** The same parameters by name (first occurrence wins). */
  readonly params: ReadonlyMap<string, string>;
  /** The Host header, echoed as HostId in errors. */
  readonly host: string;
  /** How the bucket was addressed (decides CompleteMultipartUpload's Location). */
  readonly style: 'virtual-hosted' | 'path' | 'custom-domain';
}

function decode(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new OssError(
      'InvalidURI',
      `Couldn't parse the specified URI: the ${what} is not valid percent-encoding.`,
    );
  }
}

function checkKey(key: string): string {
  if (Buffer.byteLength(key, 'utf8') > 1023) {
    throw new OssError('InvalidObjectName', 'The Length of Object name must be less than 1024.');
  }
  if (key.startsWith('/') || key.startsWith('\\')) {
    throw new OssError('InvalidObjectName', 'The specified object is not valid.');
  }
  return key;
}

/**
 * Splits the raw request URL by hand: WHATWG URL parsing would resolve "." and ".." segments,
 * which are legal in object keys.
 */
export function parseTarget(
  rawUrl: string,
  hostHeader: string | undefined,
  customDomains: ReadonlyMap<string, string> = new Map(),
): OssTarget {
  const questionMark = rawUrl.indexOf('?');
  const rawPath = questionMark === -1 ? rawUrl : rawUrl.slice(0, questionMark);
  const rawQuery = questionMark === -1 ? '' : rawUrl.slice(questionMark + 1);
  const query: [string, string][] = rawQuery
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      const value = equals === -1 ? '' : pair.slice(equals + 1);
      return [decode(name, 'query'), decode(value, 'query')];
    });
  const params = new Map<string, string>();
  for (const [name, value] of query) if (!params.has(name)) params.set(name, value);

  const host = hostHeader ?? '';
  const hostname = host.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  const pathStyle = hostname === '' || hostname === 'localhost' || isIP(hostname) !== 0;
  const path = rawPath.startsWith('/') ? rawPath.slice(1) : rawPath;

  let bucket: string | undefined;
  let rawKey: string;
  const domainBucket = customDomains.get(hostname.toLowerCase());
  let style: OssTarget['style'] = pathStyle ? 'path' : 'virtual-hosted';
  if (domainBucket !== undefined) {
    style = 'custom-domain';
    bucket = domainBucket;
    rawKey = path;
  } else if (pathStyle) {
    const slash = path.indexOf('/');
    bucket = path === '' ? undefined : decode(slash === -1 ? path : path.slice(0, slash), 'bucket');
    rawKey = slash === -1 ? '' : path.slice(slash + 1);
  } else {
    const labels = hostname.split('.');
    bucket = hostname.endsWith('.aliyuncs.com')
      ? labels.slice(0, Math.max(1, labels.length - 3)).join('.')
      : labels[0];
    rawKey = path;
  }
  const key = rawKey === '' ? undefined : checkKey(decode(rawKey, 'object name'));
  return { bucket, key, query, params, host, style };
}

/**
 * The OSS operation a method + target denotes, from the sub-resources present (`?uploads`,
 * `?uploadId=…`, …), or undefined for operations this server does not implement (ACLs, tagging,
 * CopyObject's sub-resources, bucket configuration…).
 */
export function identifyAction(method: string, target: OssTarget): OssAction | undefined {
  const subResources = [...target.params.keys()]
    .filter((name) => SIGNED_SUB_RESOURCES.has(name) && !name.startsWith('response-'))
    .filter((name) => !(name === 'continuation-token' && target.params.get('list-type') === '2'))
    .sort()
    .join('&');
  const operation =
    OPERATIONS[`${method} ${target.key === undefined ? 'bucket' : 'object'} ${subResources}`];
  if (operation === 'ListObjects' && target.params.get('list-type') === '2') return 'ListObjectsV2';
  // UploadPart with partNumber or uploadId missing is still UploadPart: its handler says what is
  // missing, which helps more than "not implemented".
  if (operation === undefined && method === 'PUT' && /partNumber|uploadId/.test(subResources)) {
    return target.key === undefined ? undefined : 'UploadPart';
  }
  return operation;
}

const OPERATIONS: Readonly<Record<string, OssAction>> = {
  'GET bucket ': 'ListObjects',
  'GET bucket uploads': 'ListMultipartUploads',
  'PUT object ': 'PutObject',
  'PUT object partNumber&uploadId': 'UploadPart',
  'POST object uploads': 'InitiateMultipartUpload',
  'POST object uploadId': 'CompleteMultipartUpload',
  'GET object ': 'GetObject',
  'GET object uploadId': 'ListParts',
  'HEAD object ': 'HeadObject',
  'HEAD object objectMeta': 'GetObjectMeta',
  'DELETE object ': 'DeleteObject',
  'DELETE object uploadId': 'AbortMultipartUpload',
};

/** The RAM resource of a request: the object, or the bucket for bucket-level operations. */
export function ramResource(
  region: string,
  accountId: string,
  bucket: string,
  key: string | undefined,
): string {
  const base = `acs:oss:${region}:${accountId}:${bucket}`;
  return key === undefined ? base : `${base}/${key}`;
}
