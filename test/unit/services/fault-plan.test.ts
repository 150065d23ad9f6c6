import { describe, expect, it } from 'vitest';

import { operationOf, seededPlan } from '../../services/fault-plan.js';

const url = (target: string) => new URL(target, 'http://127.0.0.1:1');
const form = (text: string) => new TextEncoder().encode(text);

describe('the fault proxy tells S3 and STS operations apart as the store does', () => {
  it.each([
    ['PUT', '/b/k/x.txt', undefined, 'PutObject'],
    ['PUT', '/b/k/x.bin?partNumber=2&uploadId=u', undefined, 'UploadPart'],
    ['POST', '/b/k/x.bin?uploads=', undefined, 'CreateMultipartUpload'],
    ['POST', '/b/k/x.bin?uploadId=u', undefined, 'CompleteMultipartUpload'],
    ['DELETE', '/b/k/x.bin?uploadId=u', undefined, 'AbortMultipartUpload'],
    ['DELETE', '/b/k/x.bin', undefined, 'DeleteObject'],
    ['GET', '/b/k/x.bin?uploadId=u', undefined, 'ListParts'],
    ['GET', '/b?uploads=&prefix=k%2F', undefined, 'ListMultipartUploads'],
    ['GET', '/b?list-type=2&prefix=k%2F', undefined, 'ListObjects'],
    ['HEAD', '/b/k/x.bin', undefined, 'HeadObject'],
    ['POST', '/', form('Action=AssumeRole&Version=2011-06-15&RoleArn=r'), 'AssumeRole'],
    ['POST', '/', form('Action=GetCallerIdentity'), 'Other'],
  ] as const)('%s %s → %s', (method, target, body, operation) => {
    expect(operationOf(method, url(target), body)).toBe(operation);
  });
});

describe('seededPlan', () => {
  it('is the same for the same seed and differs between seeds', () => {
    expect(seededPlan(11)).toEqual(seededPlan(11));
    const plans = new Set([1, 2, 3, 4, 5].map((seed) => JSON.stringify(seededPlan(seed))));
    expect(plans.size).toBeGreaterThan(1);
  });

  it('applies every fault kind, and loses one Complete and one CreateMultipartUpload answer', () => {
    const { rules } = seededPlan(42);
    expect(new Set(rules.map((r) => r.fault.kind))).toEqual(
      new Set(['reset-before-body', 'reset-after-body', 'status', 'stall', 'lose-answer']),
    );
    const lost = (operation: string) =>
      rules.filter((r) => r.operation === operation && r.fault.kind === 'lose-answer');
    expect(lost('CompleteMultipartUpload')).toHaveLength(1);
    expect(lost('CreateMultipartUpload')).toHaveLength(1);
  });
});
