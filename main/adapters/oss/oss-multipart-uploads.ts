import type OSS from 'ali-oss';

import type {
  ListMultipartUploadsRequest,
  MultipartUploadInfo,
  MultipartUploadPage,
} from '../../../app/ports/object-store.js';

type OssClient = InstanceType<typeof OSS>;

/** What ali-oss's listUploads returns (lib/common/multipart.js: the XML fields renamed). */
interface OssUploadsAnswer {
  readonly uploads?: readonly { name?: string; uploadId?: string; initiated?: string }[];
  readonly nextKeyMarker?: string;
  readonly nextUploadIdMarker?: string;
  readonly isTruncated?: boolean;
}

/**
 * ListMultipartUploads on OSS (`GET /?uploads`, OSS API reference "ListMultipartUploads", read
 * 2026-11-30): prefix, key-marker, upload-id-marker, max-uploads up to 1 000; `Initiated` is an
 * ISO 8601 time. Authorised by oss:ListMultipartUploads on the bucket.
 */
export async function listOssMultipartUploads(
  client: OssClient,
  request: ListMultipartUploadsRequest,
): Promise<MultipartUploadPage> {
  const answer = (await client.listUploads(
    {
      // Never an empty value: V4 signs those differently in ali-oss and in Alibaba's docs.
      ...(request.prefix ? { prefix: request.prefix } : {}),
      'max-uploads': 1000,
      ...(request.next
        ? { 'key-marker': request.next.keyMarker, 'upload-id-marker': request.next.uploadIdMarker }
        : {}),
    },
    {},
  )) as unknown as OssUploadsAnswer;
  const uploads: MultipartUploadInfo[] = [];
  for (const upload of answer.uploads ?? []) {
    if (!upload.name || !upload.uploadId) continue;
    const initiated = upload.initiated ? Date.parse(upload.initiated) : Number.NaN;
    // An unreadable time counts as "now": such an upload stays inside any grace period.
    uploads.push({
      key: upload.name,
      uploadId: upload.uploadId,
      initiatedAt: Number.isNaN(initiated) ? Date.now() : initiated,
    });
  }
  const next =
    answer.isTruncated === true && answer.nextKeyMarker
      ? { keyMarker: answer.nextKeyMarker, uploadIdMarker: answer.nextUploadIdMarker ?? '' }
      : undefined;
  return next ? { uploads, next } : { uploads };
}
