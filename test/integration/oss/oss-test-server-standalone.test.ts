import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

import OSS from 'ali-oss';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * `npm run -s oss-test-server -- …`, the test server as a separate process for other tools: it
 * prints one JSON line describing itself, serves real clients, and stops on SIGTERM.
 */

interface Started {
  readonly child: ChildProcess;
  readonly line: string;
  readonly stderr: () => string;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

async function start(args: readonly string[]): Promise<Started> {
  const child = spawn('npm', ['run', '-s', 'oss-test-server', '--', ...args], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const lines = createInterface({ input: child.stdout });
  const first = new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`exited ${code} before printing: ${stderr}`)));
  });
  const line = await first;
  return { child, line, stderr: () => stderr };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('npm run -s oss-test-server', () => {
  it('prints one JSON line, serves V4 (refusing V1 with --v1-refused) and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const { child, line } = await start(['--port', String(port), '--v1-refused']);
    const info = JSON.parse(line) as Record<string, string>;
    expect(Object.keys(info).sort()).toEqual(
      [
        'accessKeyId',
        'accessKeySecret',
        'bucket',
        'endpoint',
        'region',
        'roleArn',
        'stsEndpoint',
      ].sort(),
    );
    expect(info['endpoint']).toBe(`http://127.0.0.1:${port}`);
    expect(info['region']).toBe('cn-hangzhou');

    const sts = new OSS.STS({
      accessKeyId: info['accessKeyId']!,
      accessKeySecret: info['accessKeySecret']!,
      endpoint: info['stsEndpoint'],
    } as OSS.STSOptions);
    // Any valid session name may assume the role.
    const { credentials } = await sts.assumeRole(info['roleArn']!, undefined, 900, 'any.name@x');
    const options = {
      accessKeyId: credentials.AccessKeyId,
      accessKeySecret: credentials.AccessKeySecret,
      stsToken: credentials.SecurityToken,
      bucket: info['bucket'],
      endpoint: info['endpoint'],
      refreshSTSTokenInterval: 60 * 60 * 1000,
    };
    const v4 = new OSS({
      ...options,
      authorizationV4: true,
      region: info['region'],
    });
    await v4.put('standalone/hello.txt', Buffer.from('hello'));
    expect(String((await v4.get('standalone/hello.txt')).content as Buffer)).toBe('hello');
    const v1 = new OSS(options);
    await expect(v1.head('standalone/hello.txt')).rejects.toMatchObject({ status: 403 });

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('accepts V1 without --v1-refused, and exits 0 on SIGINT', async () => {
    const { child, line } = await start([]);
    const info = JSON.parse(line) as Record<string, string>;
    const sts = new OSS.STS({
      accessKeyId: info['accessKeyId']!,
      accessKeySecret: info['accessKeySecret']!,
      endpoint: info['stsEndpoint'],
    } as OSS.STSOptions);
    const { credentials } = await sts.assumeRole(info['roleArn']!, undefined, 900, 'v1-session');
    const v1 = new OSS({
      accessKeyId: credentials.AccessKeyId,
      accessKeySecret: credentials.AccessKeySecret,
      stsToken: credentials.SecurityToken,
      bucket: info['bucket'],
      endpoint: info['endpoint'],
      refreshSTSTokenInterval: 60 * 60 * 1000,
    });
    await v1.put('standalone/v1.txt', Buffer.from('v1'));
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('refuses a bad flag with exit 2 and a usage line on stderr, printing nothing on stdout', async () => {
    const child = spawn('npm', ['run', '-s', 'oss-test-server', '--', '--port', 'abc'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--port must be a port number');
    expect(stderr).toContain('usage: oss-test-server');
  });
});
