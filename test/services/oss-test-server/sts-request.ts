import type { IncomingMessage } from 'node:http';

/** An STS failure, answered as `{"RequestId","HostId","Code","Message"}` with this status. */
export class StsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** One STS request's parameters: query and form body merged, and each part as sent. */
export interface StsRequestParts {
  /** Every parameter (a form-body value wins over a query value of the same name). */
  readonly params: ReadonlyMap<string, string>;
  /** The query string's parameters only, decoded, in order (what V3 canonicalizes). */
  readonly query: readonly (readonly [string, string])[];
  /** The raw body (V3 signs its SHA-256). */
  readonly body: Buffer;
}

/** Reads the query string and an `application/x-www-form-urlencoded` body (≤ 64 KiB). */
export async function readStsRequest(req: IncomingMessage): Promise<StsRequestParts> {
  const params = new Map<string, string>();
  const rawQuery = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
  const query = [...new URLSearchParams(rawQuery)];
  for (const [name, value] of query) params.set(name, value);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 64 * 1024) {
      throw new StsError(400, 'InvalidParameter', 'The request body is too large.');
    }
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (body.length > 0 && type.startsWith('application/x-www-form-urlencoded')) {
    for (const [name, value] of new URLSearchParams(body.toString('utf8'))) {
      params.set(name, value);
    }
  }
  return { params, query, body };
}

export function required(params: ReadonlyMap<string, string>, name: string): string {
  const value = params.get(name);
  if (value === undefined || value === '') {
    throw new StsError(
      400,
      'MissingParameter',
      `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
    );
  }
  return value;
}
