import { createRequire } from 'node:module';

import type { SdkAgents } from '../network/proxy-agents.js';

/** The one method ali-oss (client and STS) calls on its `urllib` option. */
export interface UrllibLike {
  request(url: string, params: Record<string, unknown>): Promise<UrllibResult>;
}

interface UrllibResult {
  readonly status: number;
  readonly headers?: Record<string, string | string[] | undefined>;
}

/** What the server's clock said, from the `Date` header of the latest answer. */
export class ServerClock {
  /** Server time minus local time, ms; undefined until a dated answer came. */
  offsetMs: number | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  observe(dateHeader: string | undefined): void {
    const server = dateHeader === undefined ? Number.NaN : Date.parse(dateHeader);
    if (!Number.isNaN(server)) this.offsetMs = server - this.now();
  }
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
 * - the client's answers' `Date` headers feed `clock`, so that a RequestTimeTooSkewed can say by
 *   how much the local clock is off (ali-oss's node client drops the error's ServerTime).
 */
export function aliOssTransport(agents: SdkAgents, clock?: ServerClock): UrllibLike {
  return {
    async request(url, params) {
      const result = await aliOssUrllib().request(url, {
        ...params,
        ...(agents.httpAgent ? { agent: agents.httpAgent } : {}),
        ...(agents.httpsAgent ? { httpsAgent: agents.httpsAgent } : {}),
      });
      const date = result.headers?.['date'];
      clock?.observe(Array.isArray(date) ? date[0] : date);
      return result;
    },
  };
}
