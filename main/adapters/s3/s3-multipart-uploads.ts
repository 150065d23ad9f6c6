import { ListMultipartUploadsCommand, type S3Client } from '@aws-sdk/client-s3';

import type {
  ListMultipartUploadsRequest,
  MultipartUploadInfo,
  MultipartUploadPage,
} from '../../../app/ports/object-store.js';

/**
 * ListMultipartUploads on the S3 API: one page (at most 1 000 uploads) under a prefix, paged by
 * KeyMarker + UploadIdMarker (AWS S3 API reference, ListMultipartUploads, read 2026-11-30: "the
 * list ... begins with ... key-marker ... upload-id-marker"; Ceph RGW implements the same).
 * `call` is the store's signed, translated call (auth retry, SyncErrors).
 */
export async function listS3MultipartUploads(
  client: S3Client,
  request: ListMultipartUploadsRequest,
  call: <T>(what: string, operation: () => Promise<T>) => Promise<T>,
): Promise<MultipartUploadPage> {
  const answer = await call(`ListMultipartUploads ${request.prefix}`, () =>
    client.send(
      new ListMultipartUploadsCommand({
        Bucket: request.bucket,
        Prefix: request.prefix,
        ...(request.next
          ? { KeyMarker: request.next.keyMarker, UploadIdMarker: request.next.uploadIdMarker }
          : {}),
      }),
    ),
  );
  const uploads: MultipartUploadInfo[] = [];
  for (const upload of answer.Uploads ?? []) {
    if (upload.Key === undefined || upload.UploadId === undefined) continue;
    uploads.push({
      key: upload.Key,
      uploadId: upload.UploadId,
      // Absent only from a broken answer: "now" keeps such an upload inside any grace period.
      initiatedAt: upload.Initiated?.getTime() ?? Date.now(),
    });
  }
  const next =
    answer.IsTruncated && answer.NextKeyMarker !== undefined
      ? { keyMarker: answer.NextKeyMarker, uploadIdMarker: answer.NextUploadIdMarker ?? '' }
      : undefined;
  return next ? { uploads, next } : { uploads };
}
