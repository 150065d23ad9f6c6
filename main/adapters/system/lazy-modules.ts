import { createRequire } from 'node:module';

import type OSS from 'ali-oss';
import type * as Undici from 'undici';

const requireHere = createRequire(import.meta.url);
let aliOssModule: typeof OSS | undefined;
let undiciModule: typeof Undici | undefined;

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
