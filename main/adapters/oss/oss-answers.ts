import { isCrc64 } from '../../../app/transfer/crc64.js';

/** Reading ali-oss's answers: headers, ETags and flags as its XML and urllib pass them. */

/** `{ crc64 }` from an answer's `x-oss-hash-crc64ecma`, when it carries a well-formed one. */
export function crcOf(res: unknown): { crc64?: string } {
  const value = headerOf(res, 'x-oss-hash-crc64ecma');
  return value !== undefined && isCrc64(value) ? { crc64: value } : {};
}

export function base64Md5(md5Hex: string): string {
  return Buffer.from(md5Hex, 'hex').toString('base64');
}

/** OSS ETags are quoted upper-case hex; the port's are bare lower-case. */
export function etagOf(value: string | undefined): string {
  return (value ?? '').replace(/"/g, '').toLowerCase();
}

export function headerOf(res: unknown, name: string): string | undefined {
  const headers =
    (res as { headers?: Record<string, string | string[] | undefined> } | undefined)?.headers ?? {};
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}
