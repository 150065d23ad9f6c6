import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { repoRoot } from '../../support/build-once.js';

export interface ServeProcess {
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `ferry serve` (the built one) and resolves with the URL it prints. */
export function startServe(configPath: string, env: Record<string, string>): Promise<ServeProcess> {
  const child = spawn(
    'node',
    [join(repoRoot, 'out/cli/ferry.js'), 'serve', '--config', configPath, '--port', '0'],
    {
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return waitForUrl(child, /Ferry web UI: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/, 30_000);
}

/** Resolves once `pattern` (with the URL as its first group) shows up in the child's output. */
export function waitForUrl(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs: number,
): Promise<ServeProcess> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no URL after ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          child,
          output: () => output,
          stop: () => stopChild(child),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before printing its URL:\n${output}`));
    });
  });
}

/** SIGINT (Ferry's graceful stop), then waits for the exit. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGINT'): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
}
