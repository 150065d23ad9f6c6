// @ts-check
// What every scenario and tool receives: the RGW, the shared temporary credentials, the settings
// Ferry runs with (and that the "raised" peers copy), and where to put their files.

/**
 * @typedef {object} FerrySettings  Ferry's transfer settings (its defaults); the "raised" peer
 *   variants are set to the same concurrency and part size.
 * @property {number} concurrency      files in flight
 * @property {number} partConcurrency  parts of one large file in flight
 * @property {number} partSize         bytes; files up to this size go in one PUT
 */

/**
 * @typedef {object} BenchContext
 * @property {import('./rgw.mjs').RgwInfo} info   its `endpoint` is the bench gateway's HTTP one
 * @property {import('./gateway.mjs').Gateway} gateway  HTTP and HTTPS endpoints, the CA to trust
 * @property {() => import('./credentials.mjs').TempCredentials} credentials  the current shared set
 * @property {string} work        a temp directory for configs, state dirs and logs
 * @property {string} repoRoot
 * @property {string} ferryBuild  the bundled Ferry (holds cli/ferry.js)
 * @property {FerrySettings} ferry
 * @property {number} timeoutMs   per measured process
 * @property {(line: string) => void} log
 * @property {() => string} newPrefix  a fresh, empty prefix under the bench prefix
 */

/**
 * @typedef {object} UploadJob
 * @property {string} dir        the local folder to upload
 * @property {string} prefix     where to (ends with "/")
 * @property {string} [stateDir] Ferry only: reuse this state directory (a second run)
 * @property {number} [timeoutMs] instead of the scale's per-process limit
 * @property {boolean} [tls]     over HTTPS (the gateway's TLS listener, its CA trusted)
 */

/**
 * @typedef {object} Tool
 * @property {string} id
 * @property {string} label      how the table names it
 * @property {'ferry' | 'peer' | 'ceiling' | 'floor'} role  floor: curl over presigned URLs;
 *   ceiling: the raw SDK loop (neither counts as a peer)
 * @property {string | null} unavailable  why it cannot run here, or null
 * @property {string} settings   what it was run with, for the report
 * @property {(job: UploadJob) => Promise<import('./processes.mjs').Measured>} upload
 */

/**
 * The environment for a peer: none of the caller's AWS_* / RCLONE_* settings (a CA bundle or a
 * profile of the person running the bench must not change what is measured), no proxy for
 * loopback.
 * @param {Record<string, string>} extra
 * @returns {NodeJS.ProcessEnv}
 */
export function cleanEnv(extra) {
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(AWS_|RCLONE_|FERRY_SECRET_)/.test(name)) env[name] = value;
  }
  env.NO_PROXY = '127.0.0.1,localhost';
  env.no_proxy = '127.0.0.1,localhost';
  return { ...env, ...extra };
}
