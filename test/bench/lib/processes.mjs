// @ts-check
// Every process the harness starts goes through here, so that one place can kill them all (on
// Ctrl+C, on a crash, at the end) and so that each one is measured the same way: wall time from
// spawn to exit, its peak RSS (VmHWM, polled from /proc while it runs) and the CPU seconds
// (user + sys) of its whole process tree.
//
// CPU: the measured command runs under `bash -c '"$@"; times'`. bash's `times` builtin prints
// "the accumulated user and system times for the shell and for processes run from the shell"
// (bash(1), SHELL BUILTIN COMMANDS, `times`; bash 5.2 manual, read 2026-11-30): its second line
// is getrusage(RUSAGE_CHILDREN), which covers every descendant that was waited for — all of a
// tool's threads, and child processes its own children reaped. It goes to fd 3, a pipe only the
// harness reads, so the tool's output is untouched.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { constants } from 'node:os';

/** @typedef {import('node:child_process').ChildProcess} ChildProcess */

/**
 * @typedef {object} Measured
 * @property {number} code      exit code (signal exits count as 128 + n; a timeout as 124)
 * @property {number} wallMs    spawn to exit
 * @property {number} peakRssBytes  highest VmHWM of any process of its tree seen while it ran
 *   (0 if it never could be read)
 * @property {number | null} cpuSeconds  user + sys of the whole process tree (null: unknown)
 * @property {string} stdout    its last 256 KiB
 * @property {string} stderr    its last 256 KiB
 */

/** @type {Set<ChildProcess>} */
const running = new Set();
let closed = false;
/** How much of a process's stdout and stderr is kept (the tail). */
export const KEEP_BYTES = 256 * 1024;
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
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, onLine?: (line: string) => void, timesFd?: boolean }} [options]
 *   timesFd: also open fd 3 as a pipe (read by measure())
 */
export function start(command, args, options = {}) {
  if (closed) throw new Error('the harness is stopping; not starting more processes');
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: options.timesFd ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
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
  // The tool does not inherit fd 3 (`3>&-`); bash reports its children's rusage there.
  const handle = start(
    'bash',
    ['-c', '"$@" 3>&-; rc=$?; times >&3; exit $rc', 'bench-measure', command, ...args],
    { ...options, timesFd: true },
  );
  let times = '';
  handle.child.stdio[3]?.on('data', (/** @type {Buffer} */ chunk) => (times += chunk.toString()));
  const pid = handle.child.pid;
  let peak = 0;
  let timedOut = false;
  const poll = setInterval(() => {
    if (pid !== undefined) void treePeakRss(pid).then((bytes) => (peak = Math.max(peak, bytes)));
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
    return {
      code: timedOut ? 124 : code,
      wallMs,
      peakRssBytes: peak,
      cpuSeconds: childrenCpuSeconds(times),
      stdout,
      stderr,
    };
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
 * The highest VmHWM among a process's descendants (itself included; for a measured tool the
 * bash wrapper is the root and the tool its child). /proc/PID/task/TID/children lists the
 * children of one thread (proc(5), "/proc/[pid]/task/[tid]/children", Linux man-pages 6.03).
 * @param {number} pid
 */
async function treePeakRss(pid) {
  let peak = await peakRss(pid);
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  for (const child of children.split(' ').filter(Boolean)) {
    peak = Math.max(peak, await treePeakRss(Number(child)));
  }
  return peak;
}

/**
 * The second line of bash's `times` ("0m1.234s 0m0.567s": the children's user and system
 * time), as seconds; null if it is missing (the harness killed the wrapper first).
 * @param {string} text
 * @returns {number | null}
 */
export function childrenCpuSeconds(text) {
  const line = text.trim().split('\n')[1];
  if (!line) return null;
  const parts = [...line.matchAll(/(\d+)m([\d.,]+)s/g)].map(
    (m) => Number(m[1]) * 60 + Number((m[2] ?? '0').replace(',', '.')),
  );
  if (parts.length !== 2) return null;
  return (parts[0] ?? 0) + (parts[1] ?? 0);
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
