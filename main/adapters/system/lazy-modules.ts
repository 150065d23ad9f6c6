import { createRequire } from 'node:module';

import type OSS from 'ali-oss';
import type * as Chokidar from 'chokidar';
import type * as HttpProxyAgentModule from 'http-proxy-agent';
import type * as HttpsProxyAgentModule from 'https-proxy-agent';
import type * as Undici from 'undici';

const requireHere = createRequire(import.meta.url);
let aliOssModule: typeof OSS | undefined;
let undiciModule: typeof Undici | undefined;
let proxyAgents: ProxyAgentClasses | undefined;
let chokidarModule: typeof Chokidar | undefined;

/**
 * ali-oss costs ~0.25 s and ~20 MB to load (measured: `node -e "require('ali-oss')"`): only a
 * process with an OSS profile pays for it. Loaded synchronously so composing stays synchronous.
 */
export function aliOss(): typeof OSS {
  return (aliOssModule ??= requireHere('ali-oss') as typeof OSS);
}

/** undici (~0.25 s, ~20 MB) is needed only to send STS and vendor calls through a proxy. */
export function undici(): typeof Undici {
  return (undiciModule ??= requireHere('undici') as typeof Undici);
}

export interface ProxyAgentClasses {
  readonly HttpProxyAgent: typeof HttpProxyAgentModule.HttpProxyAgent;
  readonly HttpsProxyAgent: typeof HttpsProxyAgentModule.HttpsProxyAgent;
}

/** The SDK clients' proxy agents (with agent-base and debug): only a run through a proxy. */
export function proxyAgentClasses(): ProxyAgentClasses {
  return (proxyAgents ??= {
    HttpProxyAgent: (requireHere('http-proxy-agent') as typeof HttpProxyAgentModule).HttpProxyAgent,
    HttpsProxyAgent: (requireHere('https-proxy-agent') as typeof HttpsProxyAgentModule)
      .HttpsProxyAgent,
  });
}

/**
 * chokidar and its crawler (~16 modules): only a process that watches with it. chokidar 5 is
 * ES-module only; `require` loads it synchronously since Node 20.19 ("require(esm)" enabled by
 * default, Node.js 20.19.0 release notes; Ferry's minimum, package.json "engines"), so a watch
 * still starts synchronously.
 */
export function chokidar(): typeof Chokidar {
  return (chokidarModule ??= requireHere('chokidar') as typeof Chokidar);
}
