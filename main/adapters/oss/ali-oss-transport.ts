import { createRequire } from 'node:module';

import type { SdkAgents } from '../network/proxy-agents.js';
import { urllibTimeouts, type StallTimeouts } from '../network/stall-timeouts.js';

/** The one method ali-oss (client and STS) calls on its `urllib` option. */
export interface UrllibLike {
  request(url: string, params: Record<string, unknown>): Promise<UrllibResult>;
}

interface UrllibResult {
  readonly status: number;
  readonly headers?: Record<string, string | string[] | undefined>;
  readonly data?: unknown;
}

/**
 * How far the local clock is from the store's, as the store's answers tell it: the `Date` header
 * of every answer, and the RequestTime/ServerTime pair of a RequestTimeTooSkewed error ("OSS
 * error codes": the error XML carries both; HEAD errors carry the XML base64-encoded in
 * `x-oss-err`, which ali-oss lib/client.js `requestError` reads the same way).
 */
export class ServerClock {
  /** Local time minus the store's, ms (positive: this computer is ahead); undefined until known. */
  skewMs: number | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  observe(result: UrllibResult): void {
    const reported = result.status === 403 ? skewReport(result) : undefined;
    if (reported !== undefined) {
      this.skewMs = reported;
      return;
    }
    const date = header(result, 'date');
    const server = date === undefined ? Number.NaN : Date.parse(date);
    if (!Number.isNaN(server)) this.skewMs = this.now() - server;
  }
}

function header(result: UrllibResult, name: string): string | undefined {
  const value = result.headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

/** RequestTime − ServerTime from a RequestTimeTooSkewed error's XML, when it has both. */
function skewReport(result: UrllibResult): number | undefined {
  const encoded = header(result, 'x-oss-err');
  const xml =
    result.data instanceof Uint8Array && result.data.byteLength > 0
      ? Buffer.from(result.data).toString('utf8')
      : encoded
        ? Buffer.from(encoded, 'base64').toString('utf8')
        : '';
  if (!xml.includes('<Code>RequestTimeTooSkewed</Code>')) return undefined;
  const request = ossTime(/<RequestTime>([^<]+)<\/RequestTime>/.exec(xml)?.[1]);
  const server = ossTime(/<ServerTime>([^<]+)<\/ServerTime>/.exec(xml)?.[1]);
  return request === undefined || server === undefined ? undefined : request - server;
}

/** An HTTP date, ISO 8601, or V4's basic form (20261130T101500Z), as ms since the epoch. */
function ossTime(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const basic = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text.trim());
  const parsed = basic
    ? Date.UTC(+basic[1]!, +basic[2]! - 1, +basic[3]!, +basic[4]!, +basic[5]!, +basic[6]!)
    : Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}

let urllibModule: UrllibLike | undefined;

/** The urllib copy ali-oss itself uses (resolved from ali-oss's own folder). */
function aliOssUrllib(): UrllibLike {
  if (!urllibModule) {
    const fromHere = createRequire(import.meta.url);
    const fromAliOss = createRequire(fromHere.resolve('ali-oss'));
    urllibModule = fromAliOss('urllib') as UrllibLike;
  }
  return urllibModule;
}

/**
 * ali-oss's HTTP layer (its `urllib` option, "support custom agent and urllib client" in
 * lib/client.js and lib/sts.js) with our agents on every request:
 * - `OSS.STS` hands urllib only `agent`, which urllib 2.x ignores for https URLs (it picks
 *   `httpsAgent`, lib/urllib.js `requestWithCallback`), so without this an https STS endpoint
 *   never saw the proxy (issue 10);
 * - the client's answers feed `clock`, so that a RequestTimeTooSkewed can say by how much the
 *   local clock is off (ali-oss's node client drops the error's RequestTime and ServerTime);
 * - with `stall`, every request's urllib timeout grows with its body (stall-timeouts.ts): the
 *   client's single `timeout` is a limit on the whole request, too short for a large part or
 *   too long for a stalled HEAD.
 */
export function aliOssTransport(
  agents: SdkAgents,
  clock?: ServerClock,
  stall?: StallTimeouts,
): UrllibLike {
  return {
    async request(url, params) {
      const result = await aliOssUrllib().request(url, {
        ...params,
        ...(stall ? { timeout: urllibTimeouts(bodyBytes(params), stall) } : {}),
        ...(agents.httpAgent ? { agent: agents.httpAgent } : {}),
        ...(agents.httpsAgent ? { httpsAgent: agents.httpsAgent } : {}),
      });
      clock?.observe(result);
      return result;
    },
  };
}

/** The size of the body ali-oss hands urllib: `content` (a Buffer) or the Content-Length. */
function bodyBytes(params: Record<string, unknown>): number {
  const content = params['content'];
  if (content instanceof Uint8Array) return content.byteLength;
  if (typeof content === 'string') return Buffer.byteLength(content);
  const headers = (params['headers'] ?? {}) as Record<string, unknown>;
  const length = Number(headers['Content-Length'] ?? headers['content-length']);
  return Number.isFinite(length) ? length : 0;
}
