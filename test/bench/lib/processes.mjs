// @ts-check
// Every process the harness starts goes through here, so that one place can kill them all (on
// Ctrl+C, on a crash, at the end) and so that each one is measured the same way: wall time from
// spawn to exit and its peak RSS (VmHWM, polled from /proc while it runs).
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { constants } from 'node:os';

/** @typedef {import('node:child_process').ChildProcess} ChildProcess */

/**
 * @typedef {object} Measured
 * @property {number} code      exit code (signal exits count as 128 + n; a timeout as 124)
 * @property {number} wallMs    spawn to exit
 * @property {number} peakRssBytes  highest VmHWM seen while it ran (0 if it never could be read)
 * @property {string} stdout    its last 256 KiB
 * @property {string} stderr    its last 256 KiB
 */

/** @type {Set<ChildProcess>} */
const running = new Set();
let closed = false;
const KEEP_BYTES = 256 * 1024;
const POLL_MS = 20;

/** After this, nothing new may start (the harness is shutting down). */
export function refuseNewProcesses() {
  closed = true;
}

/** True once the harness is shutting down (Ctrl+C): scenarios stop at the next step. */
export function stopping() {
  return closed;
}

/**
 * Starts a process in its own process group (so a Ctrl+C in the terminal reaches the harness
 * only, and the harness decides the order of shutdown) and registers it for killAll().
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, onLine?: (line: string) => void }} [options]
 */
export function start(command, args, options = {}) {
  if (closed) throw new Error('the harness is stopping; not starting more processes');
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  let partial = '';
  child.stdout?.on('data', (/** @type {Buffer} */ chunk) => {
    const text = chunk.toString();
    stdout = (stdout + text).slice(-KEEP_BYTES);
    if (options.onLine) {
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) options.onLine(line);
    }
  });
  child.stderr?.on('data', (/** @type {Buffer} */ chunk) => {
    stderr = (stderr + chunk.toString()).slice(-KEEP_BYTES);
  });
  /** @type {Promise<number>} */
  const exited = new Promise((resolve) => {
    child.once('error', (error) => {
      stderr += `\n${error.message}`;
      running.delete(child);
      resolve(127);
    });
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve(code ?? (signal ? 128 + signalNumber(signal) : 1));
    });
  });
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
  };
}

/**
 * Runs a command to completion and measures it.
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, timeoutMs?: number }} [options]
 * @returns {Promise<Measured>}
 */
export async function measure(command, args, options = {}) {
  const started = performance.now();
  const handle = start(command, args, options);
  const pid = handle.child.pid;
  let peak = 0;
  let timedOut = false;
  const poll = setInterval(() => {
    if (pid !== undefined) void peakRss(pid).then((bytes) => (peak = Math.max(peak, bytes)));
  }, POLL_MS);
  const timer = setTimeout(
    () => {
      timedOut = true;
      stop(handle.child);
    },
    options.timeoutMs ?? 30 * 60_000,
  );
  try {
    const code = await handle.exited;
    const wallMs = performance.now() - started;
    const { stdout, stderr } = handle.output();
    return { code: timedOut ? 124 : code, wallMs, peakRssBytes: peak, stdout, stderr };
  } finally {
    clearInterval(poll);
    clearTimeout(timer);
  }
}

/**
 * VmHWM (the kernel's own high-water mark of the resident set) of a running process, in bytes;
 * 0 once it has exited.
 * @param {number} pid
 */
export async function peakRss(pid) {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * SIGTERM to the process group, SIGKILL after a grace period.
 * @param {ChildProcess} child
 * @param {number} [graceMs]
 */
export function stop(child, graceMs = 3_000) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const group = -child.pid;
  signalGroup(group, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(group, 'SIGKILL'), graceMs);
  timer.unref();
  child.once('close', () => clearTimeout(timer));
}

/** Stops every process still running and waits (at most a few seconds) until they are gone. */
export async function killAll() {
  const children = [...running];
  for (const child of children) stop(child, 2_000);
  await Promise.race([
    Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) => {
            if (!running.has(child)) resolve(undefined);
            else child.once('close', resolve);
          }),
      ),
    ),
    new Promise((resolve) => setTimeout(resolve, 5_000).unref()),
  ]);
}

/**
 * @param {number} group
 * @param {NodeJS.Signals} signal
 */
function signalGroup(group, signal) {
  try {
    process.kill(group, signal);
  } catch {
    // already gone
  }
}

/** @param {NodeJS.Signals} signal */
function signalNumber(signal) {
  return constants.signals[signal] ?? 0;
}
