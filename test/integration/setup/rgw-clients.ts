import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';

import { CredentialBroker } from '../../../app/credentials/credential-broker.js';
import type { CredentialSource } from '../../../app/ports/credential-source.js';
import { createS3Client } from '../../../main/adapters/s3/s3-client-factory.js';
import { systemClock } from '../../../main/adapters/system/system-clock.js';
import { rgw } from './rgw-info.js';

/** An S3 client with the RGW admin's long-lived keys, to check what really landed. */
export function adminS3(): S3Client {
  const info = rgw();
  return new S3Client({
    endpoint: info.endpoint,
    region: info.region,
    forcePathStyle: true,
    credentials: info.admin,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** Runs an S3 call and reports "allowed" or "denied <HTTP status> <name>". */
export async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'allowed';
  } catch (error) {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    return `denied ${e.$metadata?.httpStatusCode ?? '?'} ${e.name ?? ''}`.trim();
  }
}

export const put = (s3: S3Client, bucket: string, key: string, body = 'hello') =>
  s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
export const remove = (s3: S3Client, bucket: string, key: string) =>
  s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
export async function read(s3: S3Client, bucket: string, key: string): Promise<string> {
  const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await answer.Body?.transformToString()) ?? '';
}

/** A key prefix no other test uses. */
export function uniquePrefix(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}/`;
}

/** The way Ferry signs: an S3 client whose every request asks a broker over `source`. */
export function brokeredS3(source: CredentialSource, label = 'ceph') {
  const info = rgw();
  const broker = new CredentialBroker({ label, source, clock: systemClock });
  const s3 = createS3Client({
    endpoint: info.endpoint,
    region: info.region,
    forcePathStyle: true,
    credentials: () => broker.get(),
  });
  return { broker, s3 };
}
