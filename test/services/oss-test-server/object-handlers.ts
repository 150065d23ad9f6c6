import { pipeline } from 'node:stream/promises';

import {
  checkMd5,
  expectedMd5,
  headerOf,
  objectHeaders,
  requireObject,
  sendEmpty,
  userMetaOf,
  type Handler,
} from './handler-context.js';
import { OssError } from './oss-errors.js';

/** PutObject: stores the body; answers its ETag (MD5), CRC-64 and Content-MD5. */
export const putObject: Handler = async ({ req, res, target, store }) => {
  if (headerOf(req, 'x-oss-copy-source') !== undefined) {
    throw new OssError('NotImplemented', 'CopyObject is not implemented by the OSS test server.');
  }
  const expected = expectedMd5(req);
  const staged = await store.stage(req);
  await checkMd5(store, staged, expected);
  const object = await store.commitObject(target.key ?? '', staged, {
    contentType: headerOf(req, 'content-type') ?? 'application/octet-stream',
    userMeta: userMetaOf(req),
  });
  res.writeHead(200, {
    ETag: `"${object.etag}"`,
    'Content-MD5': staged.md5.toString('base64'),
    'x-oss-hash-crc64ecma': object.crc64,
    'Content-Length': 0,
  });
  res.end();
};

/**
 * A single `Range: bytes=…` as OSS reads it: a malformed range is ignored (the whole object is
 * returned with 200), a start at or beyond the end is 416 InvalidRange.
 */
function parseRange(header: string | undefined, size: number) {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return undefined;
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size) {
    throw new OssError('InvalidRange', 'The requested range cannot be satisfied.', {
      status: 416,
      fields: { RangeRequested: header ?? '', ActualObjectSize: String(size) },
    });
  }
  return end < start ? undefined : { start, end };
}

/** GetObject, with one byte range; the CRC-64 header is always the whole object's. */
export const getObject: Handler = async ({ req, res, target, store }) => {
  const object = requireObject(store, target.key ?? '');
  const range = parseRange(headerOf(req, 'range'), object.size);
  const headers = objectHeaders(object);
  if (range) {
    headers['Content-Length'] = range.end - range.start + 1;
    headers['Content-Range'] = `bytes ${range.start}-${range.end}/${object.size}`;
  }
  res.writeHead(range ? 206 : 200, headers);
  if (object.size === 0) {
    res.end();
    return;
  }
  await pipeline(store.read(object, range), res);
};

export const headObject: Handler = ({ res, target, store }) => {
  const object = requireObject(store, target.key ?? '');
  res.writeHead(200, objectHeaders(object));
  res.end();
};

/** GetObjectMeta (`HEAD ?objectMeta`): the light-weight subset of HeadObject. */
export const getObjectMeta: Handler = ({ res, target, store }) => {
  const object = requireObject(store, target.key ?? '');
  res.writeHead(200, {
    ETag: `"${object.etag}"`,
    'Content-Length': object.size,
    'Last-Modified': object.lastModified.toUTCString(),
    'x-oss-hash-crc64ecma': object.crc64,
  });
  res.end();
};

/** DeleteObject: 204 whether or not the object existed (OSS does not report missing keys). */
export const deleteObject: Handler = async ({ res, target, store }) => {
  await store.deleteObject(target.key ?? '');
  sendEmpty(res, 204);
};
