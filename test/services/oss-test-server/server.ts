import { randomInt } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { FaultInjector } from './fault-injection.js';
import { DiskObjectStore } from './object-store-disk.js';
import { createOssHandler, isValidBucketName } from './oss-endpoint.js';
import { parseRamPolicy } from './ram-policy.js';
import type { RecordedRequest } from './request-log.js';
import { createStsHandler } from './sts-endpoint.js';
import { TokenRegistry, randomText } from './token-registry.js';

export type { RecordedRequest } from './request-log.js';

/**
 * A local OSS-protocol server with an Alibaba-STS endpoint, written from Alibaba's public API
 * documentation, for testing Ferry's OSS adapter and `aliyun-sts` credential source without an
 * Alibaba Cloud account. See README.md beside this file for what it proves and what it cannot.
 *
 * It holds one bucket, one RAM user (a long-lived key whose only right is sts:AssumeRole) and
 * one RAM role. The STS endpoint issues temporary credentials bound to the role's policy ∩ the
 * session policy and to a lifetime; the OSS endpoint verifies V1 signatures including
 * x-oss-security-token, enforces expiry and policy, and stores data on disk.
 */
export interface OssTestServerOptions {
  /** The only bucket (default "ferry-oss-test"); requests for others get NoSuchBucket. */
  readonly bucket?: string;
  /** Region used in RAM resource names `acs:oss:<region>:<account>:…` (default "oss-cn-hangzhou"). */
  readonly region?: string;
  /** Account id in ARNs and listings' Owner (default: 16 random digits). */
  readonly accountId?: string;
  /** The RAM user's long-lived key (default: a generated "LTAI…" id and secret). */
  readonly ramUser?: { readonly accessKeyId: string; readonly accessKeySecret: string };
  /** Name of the RAM role the user may assume (default "ferry-oss-sync"). */
  readonly roleName?: string;
  /**
   * The role's own permission policy (RAM policy JSON text or object). Every token can do at
   * most this; a session policy passed to AssumeRole narrows it further. Default: `oss:*` on
   * the bucket and all its objects.
   */
  readonly rolePolicy?: string | object;
  /** Shortest DurationSeconds AssumeRole accepts (default 900, as Alibaba; tests use 1). */
  readonly minDurationSeconds?: number;
  /** Longest DurationSeconds (the role's MaxSessionDuration; default 3600). */
  readonly maxDurationSeconds?: number;
  /** Longest session policy in characters (default 2048, Alibaba's limit since 2022). */
  readonly maxPolicyLength?: number;
  /** Minimum size of every part but the last at CompleteMultipartUpload (default 102400, OSS's 100 KB). */
  readonly minPartSize?: number;
  /** Allowed distance between the request's Date/x-oss-date (or STS Timestamp) and now (default 900). */
  readonly maxClockSkewSeconds?: number;
  /**
   * How a request signed with an expired token is answered: "SecurityTokenExpired" (default,
   * OSS's dedicated code) or "InvalidAccessKeyId" (what OSS has also been seen to answer), so
   * that both paths of a client's refresh logic can be tested.
   */
  readonly expiredTokenCode?: 'SecurityTokenExpired' | 'InvalidAccessKeyId';
  /** Directory for object data; default a new temporary directory removed by close(). */
  readonly dataDir?: string;
  /** Interface to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** Port of the OSS endpoint (default 0: a free port). */
  readonly port?: number;
  /** Port of the STS endpoint (default 0: a free port). */
  readonly stsPort?: number;
  /**
   * Answer V1-signed OSS requests 403 AccessDenied with EC 0002-00000080, as OSS does for
   * accounts created from 2025-03-01 and buckets from 2025-09-01 ("Notice on the
   * discontinuation of the OSS V1 signature algorithm"). Default false: V1 and V4 both work.
   */
  readonly v1Refused?: boolean;
  /**
   * Custom domain names (CNAMEs) bound to the bucket: a request whose Host is one of them
   * addresses the bucket, the path being the key (ali-oss `cname: true`).
   */
  readonly customDomains?: readonly string[];
}

/** What a test can read about an object without going through OSS (and its authentication). */
export interface InspectedObject {
  readonly size: number;
  /** Without quotes, upper-case hex (`…-N` after multipart). */
  readonly etag: string;
  readonly crc64: string;
  readonly type: 'Normal' | 'Multipart';
  readonly contentType: string;
  readonly userMeta: Readonly<Record<string, string>>;
  readonly lastModified: Date;
}

export interface OssTestServer {
  /** OSS endpoint for ali-oss: `http://127.0.0.1:<port>` (see README for the client options). */
  readonly endpoint: string;
  /** STS endpoint for `new OSS.STS({ endpoint })`. */
  readonly stsEndpoint: string;
  readonly bucket: string;
  /** OSS region id as in endpoints and RAM resources ("oss-cn-hangzhou"). */
  readonly region: string;
  /** The standard region id V4 signatures must name in their scope ("cn-hangzhou"). */
  readonly standardRegion: string;
  readonly accountId: string;
  /** The RAM user's long-lived key: valid for AssumeRole only. */
  readonly ramUser: { readonly accessKeyId: string; readonly accessKeySecret: string };
  /** `acs:ram::<account>:role/<roleName>`. */
  readonly roleArn: string;
  readonly faults: FaultInjector;
  /** Every request answered so far. */
  readonly requests: readonly RecordedRequest[];
  readonly tokens: {
    /** Temporary credentials issued so far (newest last) with their expiry (epoch ms). */
    issued(): readonly { accessKeyId: string; expiresAt: number; roleSessionName: string }[];
    /** Makes every token issued so far expire now, instead of waiting for it. */
    expireAll(): void;
  };
  readonly inspect: {
    object(key: string): InspectedObject | undefined;
    read(key: string): Promise<Buffer | undefined>;
    keys(): string[];
    uploads(): { uploadId: string; key: string; parts: number[] }[];
  };
  close(): Promise<void>;
}

function defaultRolePolicy(bucket: string): object {
  return {
    Version: '1',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['oss:*'],
        Resource: [`acs:oss:*:*:${bucket}`, `acs:oss:*:*:${bucket}/*`],
      },
    ],
  };
}

/** An id like Alibaba's numeric account and role ids (no leading zero). */
function randomDigits(length: number): string {
  return Array.from({ length }, (_, i) => randomInt(i === 0 ? 1 : 0, 10)).join('');
}

async function listen(server: Server, host: string, wanted: number): Promise<string> {
  server.listen(wanted, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return `http://${host}:${port}`;
}

async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

/**
 * Starts the OSS endpoint and the STS endpoint on free ports of 127.0.0.1. Every option has a
 * default, so `await startOssTestServer()` is a working OSS with 15-minute tokens; tests that
 * watch tokens expire pass `minDurationSeconds: 1`. Call close() when done: it stops both
 * listeners and deletes the data directory it created.
 */
export async function startOssTestServer(
  options: OssTestServerOptions = {},
): Promise<OssTestServer> {
  const bucket = options.bucket ?? 'ferry-oss-test';
  if (!isValidBucketName(bucket)) {
    throw new Error(
      `"${bucket}" is not an OSS bucket name: 3-63 of a-z, 0-9 and "-", starting and ending ` +
        'with a letter or digit (no dots).',
    );
  }
  const region = options.region ?? 'oss-cn-hangzhou';
  // ali-oss's getStandardRegion and the V4 guide: the signing region is the id without "oss-".
  const standardRegion = region.replace(/^oss-/, '');
  const accountId = options.accountId ?? randomDigits(16);
  const ramUser = options.ramUser ?? {
    accessKeyId: `LTAI${randomText(20)}`,
    accessKeySecret: randomText(30),
  };
  const roleArn = `acs:ram::${accountId}:role/${options.roleName ?? 'ferry-oss-sync'}`;
  const rolePolicyText =
    typeof options.rolePolicy === 'string'
      ? options.rolePolicy
      : JSON.stringify(options.rolePolicy ?? defaultRolePolicy(bucket));
  const rolePolicy = parseRamPolicy(rolePolicyText);
  const maxClockSkewMs = (options.maxClockSkewSeconds ?? 900) * 1000;
  const minPartSize = options.minPartSize ?? 100 * 1024;
  const now = () => Date.now();

  const store = await DiskObjectStore.open(options.dataDir);
  const tokens = new TokenRegistry();
  const faults = new FaultInjector();
  const requests: RecordedRequest[] = [];
  const handleOss = createOssHandler({
    bucket,
    region,
    accountId,
    minPartSize,
    customDomains: new Map(
      (options.customDomains ?? []).map((domain) => [domain.toLowerCase(), bucket]),
    ),
    store,
    faults,
    auth: {
      ramUser,
      tokens,
      maxClockSkewMs,
      expiredTokenCode: options.expiredTokenCode ?? 'SecurityTokenExpired',
      now,
      v1Refused: options.v1Refused ?? false,
      signRegion: standardRegion,
    },
    record: (entry) => requests.push(entry),
  });
  // A failure while answering an error (the client went away) must not become an unhandled
  // rejection.
  const ossServer = createServer((req, res) => {
    handleOss(req, res).catch(() => res.destroy());
  });
  const sts = createStsHandler({
    ramUser,
    roleArn,
    rolePolicy,
    accountId,
    roleId: randomDigits(17),
    minDurationSeconds: options.minDurationSeconds ?? 900,
    maxDurationSeconds: options.maxDurationSeconds ?? 3600,
    maxPolicyLength: options.maxPolicyLength ?? 2048,
    maxClockSkewMs,
    tokens,
    faults,
    now,
    record: (entry) => requests.push({ service: 'sts', action: 'AssumeRole', ...entry }),
  });
  const stsServer = createServer((req, res) => {
    sts(req, res).catch(() => res.destroy());
  });
  const host = options.host ?? '127.0.0.1';
  const [endpoint, stsEndpoint] = await Promise.all([
    listen(ossServer, host, options.port ?? 0),
    listen(stsServer, host, options.stsPort ?? 0),
  ]);

  const inspected = (key: string): InspectedObject | undefined => {
    const object = store.object(key);
    if (!object) return undefined;
    const { size, etag, crc64, type, contentType, userMeta, lastModified } = object;
    return { size, etag, crc64, type, contentType, userMeta, lastModified };
  };

  return {
    endpoint,
    stsEndpoint,
    bucket,
    region,
    standardRegion,
    accountId,
    ramUser,
    roleArn,
    faults,
    requests,
    tokens: {
      issued: () =>
        tokens.all().map(({ accessKeyId, expiresAt, roleSessionName }) => ({
          accessKeyId,
          expiresAt,
          roleSessionName,
        })),
      expireAll: () => tokens.expireAll(now()),
    },
    inspect: {
      object: inspected,
      read: async (key) => {
        const object = store.object(key);
        if (!object) return undefined;
        const chunks: Buffer[] = [];
        for await (const chunk of store.read(object) as AsyncIterable<Buffer>) chunks.push(chunk);
        return Buffer.concat(chunks);
      },
      keys: () => store.objects().map((object) => object.key),
      uploads: () =>
        store.uploads().map((upload) => ({
          uploadId: upload.uploadId,
          key: upload.key,
          parts: [...upload.parts.keys()].sort((a, b) => a - b),
        })),
    },
    close: async () => {
      await Promise.all([closeServer(ossServer), closeServer(stsServer)]);
      await store.close();
    },
  };
}
