import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';

import type OSS from 'ali-oss';

import { isSyncError, toSyncError, type SyncError } from '../../../app/errors/sync-error.js';
import type {
  CompletedPart,
  ListPage,
  MultipartRef,
  ObjectInfo,
  ObjectRef,
  ObjectStore,
  PutObjectRequest,
  StoredPart,
  StoredResult,
  UploadPartRequest,
} from '../../../app/ports/object-store.js';
import type { TokenProvider } from '../../../app/ports/token-provider.js';
import { aliOss } from '../system/lazy-modules.js';
import { DEFAULT_STALL_TIMEOUTS, type StallTimeouts } from '../network/stall-timeouts.js';
import { isNotFound } from '../sdk-errors/store-error.js';
import { aliOssTransport, ServerClock } from './ali-oss-transport.js';
import { ossAddressing, type OssAddressing, type OssSignatureVersion } from './oss-addressing.js';
import { base64Md5, crcOf, etagOf, headerOf, isTrue } from './oss-answers.js';
import { ossFailure, translateOssError } from './oss-error.js';
import { listOssMultipartUploads } from './oss-multipart-uploads.js';
import { checkOssBucket, checkOssKey } from './oss-names.js';

export interface OssObjectStoreOptions {
  /** `cn-hangzhou` or `oss-cn-hangzhou`; may be omitted when `endpoint` is an OSS endpoint. */
  readonly region: string | undefined;
  /** An OSS endpoint (https://oss-cn-hangzhou.aliyuncs.com), a custom domain, or a test server. */
  readonly endpoint: string | undefined;
  /** `endpoint` is a custom domain bound to the bucket (ali-oss `cname`). */
  readonly customDomain: boolean;
  /** Default v4 (OSS4-HMAC-SHA256); v1 only for gateways that still need it. */
  readonly signatureVersion?: OssSignatureVersion;
  /** For messages: the profile's id. */
  readonly profileId?: string;
  /** Asked once per request for the token it is signed with. */
  readonly tokens: TokenProvider;
  readonly stallTimeouts?: StallTimeouts;
  /** Keep-alive (or proxy) agents shared by every request; stall limits (tests shorten them). */
  readonly agent?: HttpAgent;
  readonly httpsAgent?: HttpsAgent;
}

type OssClient = InstanceType<typeof OSS>;

/**
 * The ObjectStore port on Alibaba Cloud OSS through ali-oss's low-level calls.
 *
 * Signing: V4 by default (ali-oss `authorizationV4` with the standard region, oss-addressing.ts);
 * a store that refuses V1 is a fatal configuration error naming signatureVersion, not a token
 * problem. Integrity: OSS returns `x-oss-hash-crc64ecma` on PUT, UploadPart, Complete and HEAD
 * (OSS API reference, those operations' response headers), so multipart objects are verified by
 * CRC-64; the multipart ETag is opaque ("not the MD5 of the object", same reference).
 *
 * Token rotation: every call builds its client from the TokenProvider's token of that moment,
 * so parallel parts never share a client whose credentials ali-oss swaps under them (ali-oss's
 * interval refresh races parallel parts: issues #1363, #1391). `refreshSTSToken` is still given,
 * wired to the same provider, for ali-oss's own bookkeeping. InvalidAccessKeyId,
 * SecurityTokenExpired and any 403 but the V1 refusal and RequestTimeTooSkewed become
 * `access-denied`, which the AuthRetryingStore around this store retries once after a refresh.
 */
export class OssObjectStore implements ObjectStore {
  readonly integrity = 'crc64';
  /**
   * Where requests go and how they are signed, or the profile's configuration error (a region
   * V4 cannot do without), which every call then fails with: fatal, so preflight reports it
   * (exit 2) and a long-running engine shows it, instead of failing to start at all.
   */
  readonly addressing: OssAddressing | SyncError;
  private readonly clock = new ServerClock();
  private readonly signatureVersion: OssSignatureVersion;

  constructor(private readonly options: OssObjectStoreOptions) {
    this.signatureVersion = options.signatureVersion ?? 'v4';
    try {
      this.addressing = ossAddressing({ ...options, signatureVersion: this.signatureVersion });
    } catch (error) {
      this.addressing = toSyncError(error);
    }
  }

  async putObject(request: PutObjectRequest): Promise<StoredResult> {
    const what = `PutObject ${request.key}`;
    await request.pace?.(request.body.byteLength); // before the token: see the port's `pace`
    return this.call(what, request.bucket, async (client) => {
      checkOssKey(request.key, what);
      const result = await client.put(request.key, Buffer.from(request.body), {
        headers: { 'Content-MD5': base64Md5(request.md5Hex) },
        ...(request.contentType ? { mime: request.contentType } : {}),
      });
      return { etag: etagOf(headerOf(result.res, 'etag')), ...crcOf(result.res) };
    });
  }

  createMultipart(
    request: ObjectRef & { readonly contentType?: string },
  ): Promise<{ readonly uploadId: string }> {
    const what = `InitiateMultipartUpload ${request.key}`;
    return this.call(what, request.bucket, async (client) => {
      checkOssKey(request.key, what);
      const result = await client.initMultipartUpload(
        request.key,
        request.contentType ? { mime: request.contentType } : {},
      );
      return { uploadId: result.uploadId };
    });
  }

  async uploadPart(request: UploadPartRequest): Promise<StoredResult> {
    await request.pace?.(request.body.byteLength); // before the token: see the port's `pace`
    return this.call(
      `UploadPart ${request.key}#${request.partNumber}`,
      request.bucket,
      async (client) => {
        const body = Buffer.from(request.body);
        const result = await client.uploadPart(
          request.key,
          request.uploadId,
          request.partNumber,
          body,
          0,
          body.byteLength,
          {
            headers: { 'Content-MD5': base64Md5(request.md5Hex) },
          } as Parameters<OssClient['uploadPart']>[6],
        );
        return { etag: etagOf(result.etag), ...crcOf(result.res) };
      },
    );
  }

  listParts(request: MultipartRef): Promise<readonly StoredPart[]> {
    return this.call(`ListParts ${request.key}`, request.bucket, async (client) => {
      const parts: StoredPart[] = [];
      let marker: string | undefined;
      for (;;) {
        const page = await client.listParts(request.key, request.uploadId, {
          'max-parts': 1000,
          ...(marker ? { 'part-number-marker': Number(marker) } : {}),
        } as OSS.ListPartsQuery);
        // The XML answer's fields, as ali-oss passes them through (strings).
        // ali-oss passes the XML through: one <Part> comes back as an object, several as a list.
        type ListedPart = { PartNumber: string; ETag: string; Size: string };
        const raw = page.parts as unknown as ListedPart | ListedPart[] | undefined;
        const listed = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
        for (const part of listed) {
          parts.push({
            partNumber: Number(part.PartNumber),
            etag: etagOf(part.ETag),
            size: Number(part.Size),
          });
        }
        if (!isTrue(page.isTruncated) || !page.nextPartNumberMarker) break;
        marker = String(page.nextPartNumberMarker);
      }
      return parts.sort((a, b) => a.partNumber - b.partNumber);
    });
  }

  completeMultipart(
    request: MultipartRef & { readonly parts: readonly CompletedPart[] },
  ): Promise<{ readonly etag: string | undefined; readonly crc64?: string }> {
    return this.call(`CompleteMultipartUpload ${request.key}`, request.bucket, async (client) => {
      const parts = [...request.parts]
        .sort((a, b) => a.partNumber - b.partNumber)
        .map((p) => ({ number: p.partNumber, etag: `"${p.etag}"` }));
      const result = await client.completeMultipartUpload(request.key, request.uploadId, parts);
      const etag =
        (result.data as { ETag?: string } | undefined)?.ETag ?? headerOf(result.res, 'etag');
      return { etag: etag ? etagOf(etag) : undefined, ...crcOf(result.res) };
    });
  }

  abortMultipart(request: MultipartRef): Promise<void> {
    return this.call(`AbortMultipartUpload ${request.key}`, request.bucket, async (client) => {
      await client.abortMultipartUpload(request.key, request.uploadId);
    });
  }

  async head(request: ObjectRef): Promise<ObjectInfo | null> {
    try {
      return await this.call(`HeadObject ${request.key}`, request.bucket, async (client) => {
        const result = await client.head(request.key);
        return {
          key: request.key,
          etag: etagOf(headerOf(result.res, 'etag')),
          size: Number(headerOf(result.res, 'content-length') ?? 0),
          ...crcOf(result.res),
        };
      });
    } catch (error) {
      if (isSyncError(error) && error.code === 'not-found' && error.disposition !== 'fatal') {
        return null;
      }
      throw error;
    }
  }

  list(request: {
    readonly bucket: string;
    readonly prefix: string;
    readonly continuationToken?: string;
  }): Promise<ListPage> {
    return this.call(`ListObjectsV2 ${request.prefix}`, request.bucket, async (client) => {
      const result = await client.listV2(
        {
          // An empty value is left out: V4 signs it as a bare name in Alibaba's documentation and
          // other SDKs, but as "prefix=" in ali-oss, so the store may refuse the signature.
          ...(request.prefix ? { prefix: request.prefix } : {}),
          'max-keys': '1000',
          ...(request.continuationToken ? { 'continuation-token': request.continuationToken } : {}),
        },
        {},
      );
      const objects = (
        (result.objects as { name: string; etag: string; size: number }[] | undefined) ?? []
      ).map((o) => ({
        key: o.name,
        etag: etagOf(o.etag),
        size: Number(o.size),
      }));
      const next = (result as { nextContinuationToken?: string }).nextContinuationToken;
      return {
        objects,
        ...(isTrue((result as { isTruncated?: unknown }).isTruncated) && next
          ? { nextContinuationToken: next }
          : {}),
      };
    });
  }

  delete(request: ObjectRef): Promise<void> {
    return this.call(`DeleteObject ${request.key}`, request.bucket, async (client) => {
      try {
        await client.delete(request.key);
      } catch (error) {
        if (isNotFound(ossFailure(error)) && ossFailure(error).name !== 'NoSuchBucket') return; // already gone
        throw error;
      }
    });
  }

  listMultipartUploads: ObjectStore['listMultipartUploads'] = (request) =>
    this.call(`ListMultipartUploads ${request.prefix}`, request.bucket, (client) =>
      listOssMultipartUploads(client, request),
    );

  private async call<T>(
    what: string,
    bucket: string,
    operation: (client: OssClient) => Promise<T>,
  ): Promise<T> {
    try {
      if (isSyncError(this.addressing)) throw this.addressing;
      checkOssBucket(bucket, what);
      return await operation(await this.client(bucket));
    } catch (error) {
      throw translateOssError(error, what, {
        signatureVersion: this.signatureVersion,
        clock: this.clock,
      });
    }
  }

  private async client(bucket: string): Promise<OssClient> {
    const { tokens, agent, httpsAgent, stallTimeouts } = this.options;
    if (isSyncError(this.addressing)) throw this.addressing;
    const token = await tokens.get();
    const AliOss = aliOss();
    return new AliOss({
      ...this.addressing.clientOptions,
      bucket,
      accessKeyId: token.accessKeyId,
      accessKeySecret: token.secretAccessKey,
      stsToken: token.sessionToken,
      refreshSTSToken: async () => {
        const fresh = await tokens.get();
        return {
          accessKeyId: fresh.accessKeyId,
          accessKeySecret: fresh.secretAccessKey,
          stsToken: fresh.sessionToken,
        };
      },
      // Our transport carries the agents (keep-alive or proxy) and the timeouts to every request.
      urllib: aliOssTransport(
        { ...(agent ? { httpAgent: agent } : {}), ...(httpsAgent ? { httpsAgent } : {}) },
        this.clock,
        stallTimeouts ?? DEFAULT_STALL_TIMEOUTS,
      ),
    } as ConstructorParameters<typeof OSS>[0]);
  }
}
