// @ts-check
// The gateway every tool talks to: a second radosgw of the bench's own cluster ("client.rgw.bench")
// listening on 127.0.0.1:80 (HTTP) and 127.0.0.1:443 (HTTPS, with a certificate from a CA made
// here with openssl), which then replaces the gateway rgw-up.sh started on a random port.
//
// Why the standard ports: the AWS CLI's CRT transfer client (awscrt 0.16, Debian bookworm) drops
// the port of a custom endpoint: s3transfer/crt.py hands awscrt only the host, and aws-c-s3 then
// connects to 80 or 443 (issue 15; awscli 2.9.19 s3transfer/crt.py, read 2026-11-30). The
// alternatives were a loopback redirect (an iptables nat rule: changes the machine's firewall,
// which a benchmark has no business doing) or a TCP forwarder on :80 for that tool alone (one
// more hop and one more process on the same 2 cores, for one tool only: unfair). RGW itself on
// 80/443 costs nothing extra and every tool, not only the CRT, goes through the same listener.
// Ports 80/443 need root and must be free; otherwise the gateway takes free ports, everything
// else still runs, and the CRT row says why it is n/a.
//
// The beast frontend's options (`endpoint`, `ssl_endpoint`, `ssl_certificate`,
// `ssl_private_key`): docs.ceph.com/en/pacific/radosgw/frontends/ (Ceph 16.2, read 2026-11-30).
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile, appendFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { start } from './processes.mjs';

const run = promisify(execFile);
const NAME = 'client.rgw.bench';

/**
 * @typedef {object} Gateway
 * @property {string} http       e.g. "http://127.0.0.1" (port 80 left out: the CRT needs that)
 * @property {string} https      e.g. "https://127.0.0.1"
 * @property {string} caFile     PEM of the CA that signed the gateway's certificate
 * @property {boolean} standardPorts  true when on 80/443 (the CRT can run)
 * @property {string} note       what was chosen, for the report
 */

/**
 * @param {import('./rgw.mjs').RgwInfo} info
 * @param {(line: string) => void} log
 * @returns {Promise<Gateway>}
 */
export async function startBenchGateway(info, log) {
  const tls = join(info.dir, 'tls');
  const { caFile, certFile, keyFile } = await makeCertificates(tls);
  const standard = process.getuid?.() === 0 && (await portFree(80)) && (await portFree(443));
  const httpPort = standard ? 80 : await freePort();
  const httpsPort = standard ? 443 : await freePort();

  const confPath = join(info.dir, 'ceph.conf');
  const conf = await readFile(confPath, 'utf8');
  // The same settings as rgw-up.sh's gateway (STS key, APIs, threads), other listeners.
  const section = /\[client\.rgw\.a\]\n([\s\S]*?)(?=\n\[|$)/.exec(conf)?.[1];
  if (!section) throw new Error(`no [client.rgw.a] section in ${confPath}`);
  const lines = section
    .split('\n')
    .filter((line) => line.trim() && !/^rgw (frontends|data)\b/.test(line.trim()));
  await mkdir(join(info.dir, 'rgw-bench'), { recursive: true });
  await appendFile(
    confPath,
    [
      '',
      `[${NAME}]`,
      `rgw frontends = beast endpoint=127.0.0.1:${httpPort} ssl_endpoint=127.0.0.1:${httpsPort} ssl_certificate=${certFile} ssl_private_key=${keyFile}`,
      `rgw data = ${join(info.dir, 'rgw-bench')}`,
      ...lines,
      '',
    ].join('\n'),
  );
  const handle = start('radosgw', ['-c', confPath, '-n', NAME, '-f'], {});
  // rgw-down.sh stops what $DIR/pids lists (it checks the command line names this ceph.conf).
  await appendFile(join(info.dir, 'pids'), `rgw.bench ${handle.child.pid}\n`);
  const http = `http://127.0.0.1${httpPort === 80 ? '' : `:${httpPort}`}`;
  const https = `https://127.0.0.1${httpsPort === 443 ? '' : `:${httpsPort}`}`;
  for (let tries = 0; ; tries++) {
    if (handle.child.exitCode !== null) {
      throw new Error(`the bench gateway exited: ${handle.output().stderr.slice(-500)}`);
    }
    if ((await answers(http, caFile)) && (await answers(https, caFile))) break;
    if (tries > 600) throw new Error('the bench gateway did not answer on HTTP and HTTPS');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stopFirstGateway(info);
  const note = standard
    ? `RGW's beast frontend on 127.0.0.1:80 and :443 (TLS, a CA made for this run); the gateway rgw-up.sh started is stopped`
    : `ports 80/443 are taken or need root: RGW on 127.0.0.1:${httpPort} and :${httpsPort}; the CRT client cannot run`;
  log(`bench gateway: ${http} and ${https}`);
  return { http, https, caFile, standardPorts: standard, note };
}

/**
 * A CA and a server certificate for 127.0.0.1 / localhost, made with openssl (req(1ssl),
 * x509(1ssl), OpenSSL 3.0 manual pages, read 2026-11-30).
 * @param {string} dir
 */
async function makeCertificates(dir) {
  await mkdir(dir, { recursive: true });
  const caKey = join(dir, 'ca.key');
  const caFile = join(dir, 'ca.pem');
  const keyFile = join(dir, 'server.key');
  const csr = join(dir, 'server.csr');
  const certFile = join(dir, 'server.pem');
  const ext = join(dir, 'server.ext');
  const ssl = (/** @type {string[]} */ args) => run('openssl', args, { timeout: 60_000 });
  await ssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    caKey,
    '-out',
    caFile,
    '-days',
    '2',
    '-subj',
    '/CN=Ferry bench CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await ssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    csr,
    '-subj',
    '/CN=127.0.0.1',
  ]);
  await writeFile(
    ext,
    'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n',
  );
  await ssl([
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    caFile,
    '-CAkey',
    caKey,
    '-CAcreateserial',
    '-out',
    certFile,
    '-days',
    '2',
    '-extfile',
    ext,
  ]);
  return { caFile, certFile, keyFile };
}

/**
 * Stops the gateway rgw-up.sh started (one gateway, so none idles beside the measured one).
 * @param {import('./rgw.mjs').RgwInfo} info
 */
async function stopFirstGateway(info) {
  const pids = await readFile(join(info.dir, 'pids'), 'utf8');
  const pid = Number(/^rgw\.a (\d+)$/m.exec(pids)?.[1]);
  if (!pid) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmdline.includes(join(info.dir, 'ceph.conf'))) return;
  process.kill(pid, 'SIGTERM');
}

/** @param {string} url @param {string} caFile */
async function answers(url, caFile) {
  try {
    const { stdout } = await run(
      'curl',
      ['-s', '-o', '/dev/null', '-w', '%{http_code}', '--cacert', caFile, `${url}/`],
      { timeout: 5_000 },
    );
    return stdout === '200';
  } catch {
    return false;
  }
}

/** @param {number} port */
function portFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
