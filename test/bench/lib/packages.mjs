// @ts-check
// The peers come from Debian: rclone (1.60 on bookworm) and the AWS CLI v2 (`awscli`, which
// installs /usr/bin/aws; a pip-installed `aws` earlier on PATH may be v1, so the harness always
// runs /usr/bin/aws). Missing ones are installed when we are root; otherwise, or when apt
// fails, the peer is reported as "n/a (reason)" and the benchmark goes on without it.
// Also: python3-awscrt (0.16.8 on bookworm; the AWS CLI's CRT transfer client imports it from
// the system Python /usr/bin/aws runs on), curl (the floor) and openssl (the bench CA).
import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const AWS_CLI = '/usr/bin/aws';

/**
 * @typedef {{ ok: true, path: string, version: string } | { ok: false, reason: string }} Tool
 */

/**
 * @param {{ install: boolean, log: (line: string) => void }} options
 * @returns {Promise<{ rclone: Tool, aws: Tool, awscrt: Tool, curl: Tool }>}
 */
export async function ensurePeerTools(options) {
  const missing = [];
  if (!(await rcloneVersion())) missing.push('rclone');
  if (!(await awsVersion())) missing.push('awscli');
  if (!(await awscrtVersion())) missing.push('python3-awscrt');
  if (!(await commandWorks('curl', ['--version']))) missing.push('curl');
  if (!(await commandWorks('openssl', ['version']))) missing.push('openssl');
  /** @type {string | undefined} */
  let installProblem;
  if (missing.length > 0) {
    if (!options.install) {
      installProblem = 'not installed (BENCH_NO_INSTALL is set)';
    } else if (process.getuid?.() !== 0) {
      installProblem = `not installed; run: sudo apt-get install -y ${missing.join(' ')}`;
    } else {
      installProblem = await aptInstall(missing, options.log);
    }
  }
  const rclone = await rcloneVersion();
  const aws = await awsVersion();
  const awscrt = await awscrtVersion();
  const curl = await commandWorks('curl', ['--version']);
  return {
    awscrt: awscrt
      ? { ok: true, path: '/usr/bin/python3', version: `python3-awscrt ${awscrt}` }
      : {
          ok: false,
          reason: installProblem ?? 'python3-awscrt is not importable by /usr/bin/python3',
        },
    curl: curl
      ? { ok: true, path: 'curl', version: curl.split(' ').slice(0, 2).join(' ') }
      : { ok: false, reason: installProblem ?? 'curl not found' },
    rclone: rclone
      ? { ok: true, path: 'rclone', version: rclone }
      : { ok: false, reason: installProblem ?? 'rclone not found' },
    aws: aws
      ? { ok: true, path: AWS_CLI, version: aws }
      : { ok: false, reason: installProblem ?? `${AWS_CLI} is missing or not the v2 CLI` },
  };
}

/**
 * @param {string[]} packages
 * @param {(line: string) => void} log
 * @returns {Promise<string | undefined>} what went wrong, if anything
 */
async function aptInstall(packages, log) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(
    `installing the peers from Debian: apt-get update && apt-get install -y ${packages.join(' ')}`,
  );
  try {
    await run('apt-get', ['update', '-qq'], { env, timeout: 300_000 });
    await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
      env,
      timeout: 600_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    log(`installed ${packages.join(' ')}`);
    return undefined;
  } catch (error) {
    const stderr = /** @type {{ stderr?: string }} */ (error).stderr ?? String(error);
    log(`apt-get failed: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
    return `apt-get install ${packages.join(' ')} failed`;
  }
}

async function rcloneVersion() {
  try {
    const { stdout } = await run('rclone', ['version'], { timeout: 20_000 });
    return stdout.split('\n')[0]?.trim() ?? 'rclone';
  } catch {
    return undefined;
  }
}

/** The Debian package's version, if the system Python can import the CRT's S3 client. */
async function awscrtVersion() {
  try {
    await run('/usr/bin/python3', ['-c', 'import awscrt.s3'], { timeout: 30_000 });
    const { stdout } = await run('dpkg-query', ['-W', '-f', '${Version}', 'python3-awscrt'], {
      timeout: 10_000,
    }).catch(() => ({ stdout: 'unknown' }));
    return stdout.trim() || 'unknown';
  } catch {
    return undefined;
  }
}

/** The first line of a command's output, or undefined when it does not run. @param {string} command @param {string[]} args */
async function commandWorks(command, args) {
  try {
    const { stdout } = await run(command, args, { timeout: 10_000 });
    return stdout.split('\n')[0]?.trim() || command;
  } catch {
    return undefined;
  }
}

async function awsVersion() {
  try {
    await access(AWS_CLI);
    const { stdout, stderr } = await run(AWS_CLI, ['--version'], {
      timeout: 30_000,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    const version = (stdout || stderr).trim().split(' ')[0] ?? 'aws';
    // `s3 sync` behaves differently in v1; the issue asks for the v2 CLI.
    return version.startsWith('aws-cli/2') ? version : undefined;
  } catch {
    return undefined;
  }
}
