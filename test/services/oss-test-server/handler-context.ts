import type { IncomingMessage, ServerResponse } from 'node:http';

import type { DiskObjectStore, StagedBody, StoredObject } from './object-store-disk.js';
import { OssError, messages } from './oss-errors.js';
import type { OssTarget } from './request-target.js';

/** Everything an operation handler needs; handlers answer through `res` or throw OssError. */
export interface HandlerContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly target: OssTarget & { readonly bucket: string };
  readonly store: DiskObjectStore;
  /** Minimum size of every part but the last at CompleteMultipartUpload. */
  readonly minPartSize: number;
  /** URL of the bucket as the client addressed it (CompleteMultipartUpload's Location). */
  readonly bucketUrl: string;
  /** The bucket owner's account id (Owner/ID in listings). */
  readonly ownerId: string;
}

export type Handler = (context: HandlerContext) => Promise<void> | void;

export function sendXml(res: ServerResponse, status: number, xml: string): void {
  const body = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`, 'utf8');
  res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': body.length });
  res.end(body);
}

export function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'Content-Length': 0 });
  res.end();
}

/** A header's value (first of repeated ones), or undefined. */
export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Reads a small request body (XML documents) into a string. */
export async function readText(req: IncomingMessage, limit = 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new OssError('InvalidArgument', 'The request body is too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The Content-MD5 header decoded, checked for shape before the body is read (OSS rejects a value
 * that is not the base64 of 16 bytes with InvalidDigest).
 */
export function expectedMd5(req: IncomingMessage): Buffer | undefined {
  const header = headerOf(req, 'content-md5');
  if (header === undefined) return undefined;
  const digest = Buffer.from(header, 'base64');
  if (digest.length !== 16 || digest.toString('base64') !== header.trim()) {
    throw new OssError('InvalidDigest', messages.digestMalformed);
  }
  return digest;
}

/** Rejects (and discards) a staged body whose MD5 differs from Content-MD5. */
export async function checkMd5(
  store: DiskObjectStore,
  staged: StagedBody,
  expected: Buffer | undefined,
): Promise<void> {
  if (expected !== undefined && !expected.equals(staged.md5)) {
    await store.discard(staged);
    throw new OssError('InvalidDigest', messages.digestMismatch, {
      fields: {
        ExpectedMD5: expected.toString('base64'),
        CalculatedMD5: staged.md5.toString('base64'),
      },
    });
  }
}

/** `x-oss-meta-*` request headers, names lower-cased without the prefix. */
export function userMetaOf(req: IncomingMessage): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith('x-oss-meta-') && value !== undefined) {
      meta[name.slice('x-oss-meta-'.length)] = Array.isArray(value) ? value.join(',') : value;
    }
  }
  return meta;
}

/** The headers GetObject and HeadObject describe an object with. */
export function objectHeaders(object: StoredObject): Record<string, string | number> {
  const headers: Record<string, string | number> = {
    'Content-Type': object.contentType,
    'Content-Length': object.size,
    ETag: `"${object.etag}"`,
    'Last-Modified': object.lastModified.toUTCString(),
    'Accept-Ranges': 'bytes',
    'x-oss-object-type': object.type,
    'x-oss-storage-class': 'Standard',
    'x-oss-hash-crc64ecma': object.crc64,
  };
  for (const [name, value] of Object.entries(object.userMeta)) {
    headers[`x-oss-meta-${name}`] = value;
  }
  return headers;
}

export function requireObject(store: DiskObjectStore, key: string): StoredObject {
  const object = store.object(key);
  if (!object) throw new OssError('NoSuchKey', messages.noSuchKey, { fields: { Key: key } });
  return object;
}
