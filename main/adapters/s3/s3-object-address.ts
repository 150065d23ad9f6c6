import type { S3Client } from '@aws-sdk/client-s3';

/** Where one object's requests go and which region signs them. */
export interface ObjectAddress {
  readonly protocol: 'http:' | 'https:';
  /** What to connect to (an IPv6 address without brackets). */
  readonly hostname: string;
  /** undefined: the protocol's default port. */
  readonly port: number | undefined;
  /** The Host header: `host[:port]`, the port only when not the default (RFC 9110 §7.2),
   *  IPv6 in brackets; as URL.host gives it. */
  readonly host: string;
  /** URI-encoded, as sent and as signed. */
  readonly path: string;
  readonly signingRegion: string;
}

export interface AddressingOptions {
  /** undefined: AWS S3 itself (the SDK derives the endpoint from the region). */
  readonly endpoint: string | undefined;
  readonly region: string;
  readonly forcePathStyle: boolean;
}

/**
 * Addresses objects exactly as the S3 client does, by asking the client's own endpoint rule set
 * (`client.config.endpointProvider`, the compiled S3 rules of @aws-sdk/client-s3 with their
 * cache) rather than copying its rules: path style or virtual-hosted (`bucket.host`), path style
 * anyway for bucket names that cannot be a host label (dots over https, upper case, IP
 * endpoints), AWS partitions (amazonaws.com.cn) and the signing region. The key is then appended
 * the way the client's serializer does for PutObject's `/{Key+}` label: each `/`-separated
 * segment percent-encoded by RFC 3986 (`encodeURIComponent` plus `!'()*`,
 * @smithy/core `extendedEncodeURIComponent`), the slashes kept.
 */
export function objectAddressing(
  client: S3Client,
  options: AddressingOptions,
): (bucket: string, key: string) => ObjectAddress {
  const endpointProvider = client.config.endpointProvider;
  // The rules' answer depends on the bucket alone here (the other inputs are this store's
  // constants), so it is asked once per bucket rather than once per object.
  const byBucket = new Map<string, Omit<ObjectAddress, 'path'> & { readonly base: string }>();
  const resolve = (bucket: string) => {
    const resolved = endpointProvider({
      Bucket: bucket,
      Region: options.region,
      ForcePathStyle: options.forcePathStyle,
      UseFIPS: false,
      UseDualStack: false,
      Accelerate: false,
      UseGlobalEndpoint: false,
      ...(options.endpoint ? { Endpoint: options.endpoint } : {}),
    });
    const url = resolved.url;
    const scheme = (
      resolved.properties?.['authSchemes'] as { signingRegion?: string }[] | undefined
    )?.at(0);
    return {
      protocol: url.protocol === 'http:' ? 'http:' : 'https:',
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port === '' ? undefined : Number(url.port),
      host: url.host,
      base: url.pathname.endsWith('/') ? url.pathname.slice(0, -1) : url.pathname,
      signingRegion: scheme?.signingRegion ?? options.region,
    } as const;
  };
  return (bucket, key) => {
    let known = byBucket.get(bucket);
    if (!known) {
      if (byBucket.size >= MAX_BUCKETS_REMEMBERED) byBucket.clear();
      byBucket.set(bucket, (known = resolve(bucket)));
    }
    const { base, ...address } = known;
    return { ...address, path: `${base}/${encodeKey(key)}` };
  };
}

/** A store's folders name a few buckets; a bound all the same. */
const MAX_BUCKETS_REMEMBERED = 64;

export function encodeKey(key: string): string {
  return key.split('/').map(encodeRfc3986).join('/');
}

/** RFC 3986 §2.3: everything but unreserved characters percent-encoded (upper-case hex). */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
