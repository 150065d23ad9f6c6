/**
 * What the fault proxy (fault-proxy.ts) does to which request: the S3/STS operation of a request,
 * the faults, and a seeded plan, so a failing fault run can be replayed exactly from its seed.
 */

/** The operations Ferry sends, told apart as S3 does: by method, path and sub-resource. */
export type Operation =
  | 'AssumeRole'
  | 'PutObject'
  | 'CreateMultipartUpload'
  | 'UploadPart'
  | 'CompleteMultipartUpload'
  | 'AbortMultipartUpload'
  | 'ListParts'
  | 'ListMultipartUploads'
  | 'ListObjects'
  | 'HeadObject'
  | 'GetObject'
  | 'DeleteObject'
  /** The preflight's write, list and delete probes (app/engine/folder-preflight.ts), counted
   *  apart so that "the n-th CreateMultipartUpload" stays the n-th of the uploads. */
  | 'Preflight'
  | 'Other';

export type Fault =
  /** The connection is reset as soon as the request line and headers arrived. */
  | { readonly kind: 'reset-before-body' }
  /** The whole body is read, then the connection is reset; nothing reaches the store. */
  | { readonly kind: 'reset-after-body' }
  /** The request waits this long before it is forwarded (a slow network or store). */
  | { readonly kind: 'stall'; readonly ms: number }
  /** The proxy answers for the store with an S3 XML error (500 InternalError, 503 SlowDown). */
  | { readonly kind: 'status'; readonly status: 500 | 503; readonly code: string }
  /** Forwarded and carried out by the store, then the connection is reset instead of answering. */
  | { readonly kind: 'lose-answer' };

export interface FaultRule {
  readonly operation: Operation;
  /** 1-based: the n-th request of that operation (counted over the proxy's life). */
  readonly nth: number;
  readonly fault: Fault;
}

export interface FaultPlan {
  readonly rules: readonly FaultRule[];
  /**
   * STS requests answer 503 during [fromMs, fromMs + durationMs) counted from the first
   * AssumeRole (Ferry's first token is the start of its run, whatever it did before).
   */
  readonly stsOutage?: { readonly fromMs: number; readonly durationMs: number };
}

/** Classifies a request; `body` is only read for `POST /` (STS takes its Action in the form). */
export function operationOf(method: string, url: URL, body?: Uint8Array): Operation {
  const q = url.searchParams;
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const onObject = segments.length >= 2; // path style: /bucket/key…
  if (method !== 'HEAD' && url.pathname.includes('.ferry-preflight-')) return 'Preflight';
  if (method === 'POST' && segments.length === 0) {
    const form = new URLSearchParams(body ? Buffer.from(body).toString('utf8') : '');
    return form.get('Action') === 'AssumeRole' || q.get('Action') === 'AssumeRole'
      ? 'AssumeRole'
      : 'Other';
  }
  if (!onObject) {
    if (method === 'GET' && q.has('uploads')) return 'ListMultipartUploads';
    if (method === 'GET') return 'ListObjects';
    return 'Other';
  }
  switch (method) {
    case 'PUT':
      return q.has('partNumber') && q.has('uploadId') ? 'UploadPart' : 'PutObject';
    case 'POST':
      if (q.has('uploads')) return 'CreateMultipartUpload';
      return q.has('uploadId') ? 'CompleteMultipartUpload' : 'Other';
    case 'DELETE':
      return q.has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject';
    case 'GET':
      return q.has('uploadId') ? 'ListParts' : 'GetObject';
    case 'HEAD':
      return 'HeadObject';
    default:
      return 'Other';
  }
}

/** A small seeded PRNG (mulberry32): the same seed gives the same plan on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A mixed plan from a seed: every fault kind at least once, each on a request number picked at
 * random among the first few of its operation, so different seeds hit different files and parts.
 * Tuned for a tree of ~20 small files and a few multipart files (counts below their totals).
 */
export function seededPlan(seed: number): FaultPlan {
  const random = seededRandom(seed);
  const pick = (from: number, to: number) => from + Math.floor(random() * (to - from + 1));
  const rules: FaultRule[] = [
    // The first HEAD is the preflight's; later ones verify completed multipart uploads.
    { operation: 'HeadObject', nth: 1, fault: { kind: 'status', status: 503, code: 'SlowDown' } },
    { operation: 'HeadObject', nth: pick(3, 4), fault: { kind: 'reset-before-body' } },
    { operation: 'PutObject', nth: pick(1, 4), fault: { kind: 'reset-before-body' } },
    { operation: 'PutObject', nth: pick(5, 8), fault: { kind: 'reset-after-body' } },
    { operation: 'PutObject', nth: pick(9, 12), fault: { kind: 'lose-answer' } },
    {
      operation: 'PutObject',
      nth: pick(13, 16),
      fault: { kind: 'status', status: 500, code: 'InternalError' },
    },
    { operation: 'PutObject', nth: pick(17, 18), fault: { kind: 'stall', ms: 1_500 } },
    { operation: 'CreateMultipartUpload', nth: pick(1, 2), fault: { kind: 'lose-answer' } },
    { operation: 'UploadPart', nth: pick(1, 3), fault: { kind: 'reset-after-body' } },
    { operation: 'UploadPart', nth: pick(4, 6), fault: { kind: 'lose-answer' } },
    {
      operation: 'UploadPart',
      nth: pick(7, 8),
      fault: { kind: 'status', status: 503, code: 'SlowDown' },
    },
    { operation: 'CompleteMultipartUpload', nth: 1, fault: { kind: 'lose-answer' } },
    {
      operation: 'CompleteMultipartUpload',
      nth: pick(2, 3),
      fault: { kind: 'status', status: 503, code: 'SlowDown' },
    },
  ];
  return { rules };
}
