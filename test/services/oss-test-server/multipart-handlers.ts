import { createHash } from 'node:crypto';

import {
  checkMd5,
  expectedMd5,
  headerOf,
  readText,
  sendEmpty,
  sendXml,
  userMetaOf,
  type Handler,
  type HandlerContext,
} from './handler-context.js';
import { compareKeys, type MultipartUpload, type StoredPart } from './object-store-disk.js';
import { OssError, messages } from './oss-errors.js';
import { element, parseCompleteMultipartUpload } from './xml-text.js';

/**
 * Multipart upload as OSS documents it: InitiateMultipartUpload (`POST ?uploads`), UploadPart
 * (`PUT ?partNumber&uploadId`), ListParts (`GET ?uploadId`), CompleteMultipartUpload
 * (`POST ?uploadId`), AbortMultipartUpload (`DELETE ?uploadId`), ListMultipartUploads
 * (`GET /?uploads`). Part sizes are checked only at completion (OSS cannot know the last part
 * before): every part but the last must reach the minimum (100 KB on OSS).
 */

function uploadOf(context: HandlerContext): MultipartUpload {
  const uploadId = context.target.params.get('uploadId') ?? '';
  const upload = context.store.upload(uploadId);
  if (!upload || upload.key !== context.target.key) {
    throw new OssError('NoSuchUpload', messages.noSuchUpload, { fields: { UploadId: uploadId } });
  }
  return upload;
}

export const initiateMultipartUpload: Handler = ({ req, res, target, store }) => {
  const upload = store.createUpload(target.key ?? '', {
    contentType: headerOf(req, 'content-type') ?? 'application/octet-stream',
    userMeta: userMetaOf(req),
  });
  sendXml(
    res,
    200,
    '<InitiateMultipartUploadResult>' +
      element('Bucket', target.bucket) +
      element('Key', upload.key) +
      element('UploadId', upload.uploadId) +
      '</InitiateMultipartUploadResult>',
  );
};

function partNumberOf(context: HandlerContext): number {
  const value = context.target.params.get('partNumber');
  const n = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || n < 1 || n > 10_000) {
    throw new OssError('InvalidArgument', messages.partNumber, {
      fields: { ArgumentName: 'partNumber', ArgumentValue: value ?? '' },
    });
  }
  return n;
}

export const uploadPart: Handler = async (context) => {
  const partNumber = partNumberOf(context);
  const upload = uploadOf(context);
  const expected = expectedMd5(context.req);
  const staged = await context.store.stage(context.req);
  await checkMd5(context.store, staged, expected);
  if (context.store.upload(upload.uploadId) !== upload) {
    // Aborted or completed while the body was arriving.
    await context.store.discard(staged);
    throw new OssError('NoSuchUpload', messages.noSuchUpload, {
      fields: { UploadId: upload.uploadId },
    });
  }
  const part = await context.store.commitPart(upload, partNumber, staged);
  context.res.writeHead(200, {
    ETag: `"${part.etag}"`,
    'Content-MD5': part.md5.toString('base64'),
    'x-oss-hash-crc64ecma': part.crc64,
    'Content-Length': 0,
  });
  context.res.end();
};

function boundedInteger(context: HandlerContext, name: string, fallback: number, max: number) {
  const value = context.target.params.get(name);
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new OssError(
      'InvalidArgument',
      `Argument ${name} must be an integer between 0 and ${max}.`,
      {
        fields: { ArgumentName: name, ArgumentValue: value },
      },
    );
  }
  return n;
}

export const listParts: Handler = (context) => {
  const upload = uploadOf(context);
  const maxParts = boundedInteger(context, 'max-parts', 1000, 1000);
  const marker = boundedInteger(context, 'part-number-marker', 0, 10_000);
  const after = [...upload.parts.values()]
    .filter((part) => part.partNumber > marker)
    .sort((a, b) => a.partNumber - b.partNumber);
  const page = after.slice(0, maxParts);
  const truncated = after.length > page.length;
  sendXml(
    context.res,
    200,
    '<ListPartsResult>\n' +
      element('Bucket', context.target.bucket) +
      element('Key', upload.key) +
      element('UploadId', upload.uploadId) +
      element('PartNumberMarker', marker) +
      element('NextPartNumberMarker', page.at(-1)?.partNumber ?? marker) +
      element('MaxParts', maxParts) +
      element('IsTruncated', truncated) +
      '\n' +
      page
        .map(
          (part) =>
            '<Part>' +
            element('PartNumber', part.partNumber) +
            element('LastModified', part.lastModified.toISOString()) +
            element('ETag', `"${part.etag}"`) +
            element('HashCrc64ecma', part.crc64) +
            element('Size', part.size) +
            '</Part>\n',
        )
        .join('') +
      '</ListPartsResult>',
  );
};

const stripQuotes = (etag: string) => etag.trim().replace(/^"|"$/g, '');

/** The parts a CompleteMultipartUpload request names, checked as OSS checks them. */
async function chosenParts(
  context: HandlerContext,
  upload: MultipartUpload,
): Promise<StoredPart[]> {
  const expected = expectedMd5(context.req);
  const body = await readText(context.req);
  if (expected !== undefined && !expected.equals(createHash('md5').update(body, 'utf8').digest())) {
    throw new OssError('InvalidDigest', messages.digestMismatch);
  }
  if (headerOf(context.req, 'x-oss-complete-all')?.toLowerCase() === 'yes') {
    // "Complete all": every uploaded part, in part-number order, and no part list in the body.
    return [...upload.parts.values()].sort((a, b) => a.partNumber - b.partNumber);
  }
  const requested = parseCompleteMultipartUpload(body);
  if (!requested || requested.length === 0) {
    throw new OssError('MalformedXML', messages.malformedXml);
  }
  return requested.map(({ partNumber, etag }, index) => {
    const previous = requested[index - 1];
    if (previous !== undefined && previous.partNumber >= partNumber) {
      throw new OssError('InvalidPartOrder', messages.invalidPartOrder, {
        fields: { PartNumber: String(partNumber) },
      });
    }
    const part = upload.parts.get(partNumber);
    if (!part || stripQuotes(etag).toUpperCase() !== part.etag) {
      throw new OssError('InvalidPart', messages.invalidPart, {
        fields: { PartNumber: String(partNumber), ETag: etag },
      });
    }
    return part;
  });
}

export const completeMultipartUpload: Handler = async (context) => {
  const upload = uploadOf(context);
  const parts = await chosenParts(context, upload);
  if (parts.length === 0) throw new OssError('MalformedXML', messages.malformedXml);
  const small = parts.slice(0, -1).find((part) => part.size < context.minPartSize);
  if (small) {
    throw new OssError('EntityTooSmall', messages.entityTooSmall, {
      fields: {
        PartNumber: String(small.partNumber),
        ProposedSize: String(small.size),
        MinSizeAllowed: String(context.minPartSize),
      },
    });
  }
  const object = await context.store.completeUpload(upload, parts);
  const location = `${context.bucketUrl}/${encodeURIComponent(object.key).replace(/%2F/g, '/')}`;
  context.res.setHeader('ETag', `"${object.etag}"`);
  context.res.setHeader('x-oss-hash-crc64ecma', object.crc64);
  sendXml(
    context.res,
    200,
    '<CompleteMultipartUploadResult>' +
      element('Location', location) +
      element('Bucket', context.target.bucket) +
      element('Key', object.key) +
      element('ETag', `"${object.etag}"`) +
      '</CompleteMultipartUploadResult>',
  );
};

export const abortMultipartUpload: Handler = async (context) => {
  await context.store.abortUpload(uploadOf(context));
  sendEmpty(context.res, 204);
};

/** ListMultipartUploads: prefix, key-marker and max-uploads (no delimiter grouping). */
export const listMultipartUploads: Handler = (context) => {
  const params = context.target.params;
  const prefix = params.get('prefix') ?? '';
  const keyMarker = params.get('key-marker') ?? '';
  const maxUploads = boundedInteger(context, 'max-uploads', 1000, 1000);
  const matching = context.store
    .uploads()
    .filter(
      (u) => u.key.startsWith(prefix) && (keyMarker === '' || compareKeys(u.key, keyMarker) > 0),
    );
  const page = matching.slice(0, maxUploads);
  const last = page.at(-1);
  sendXml(
    context.res,
    200,
    '<ListMultipartUploadsResult>\n' +
      element('Bucket', context.target.bucket) +
      element('KeyMarker', keyMarker) +
      element('UploadIdMarker', params.get('upload-id-marker') ?? '') +
      element('NextKeyMarker', last?.key ?? '') +
      element('NextUploadIdMarker', last?.uploadId ?? '') +
      element('Delimiter', '') +
      element('Prefix', prefix) +
      element('MaxUploads', maxUploads) +
      element('IsTruncated', matching.length > page.length) +
      '\n' +
      page
        .map(
          (u) =>
            '<Upload>' +
            element('Key', u.key) +
            element('UploadId', u.uploadId) +
            element('Initiated', u.initiated.toISOString()) +
            '</Upload>\n',
        )
        .join('') +
      '</ListMultipartUploadsResult>',
  );
};
