import { parseArgs } from 'node:util';

import { startOssTestServer } from './server.js';

/**
 * The OSS test server as a process, for tools and people outside the test suite:
 *
 *   npm run -s oss-test-server -- [--port N] [--sts-port N] [--v1-refused]
 *                                 [--custom-domain HOST]... [--min-duration SECONDS]
 *
 * prints exactly one JSON line on stdout once both endpoints listen:
 *
 *   {"endpoint","stsEndpoint","region","bucket","accessKeyId","accessKeySecret","roleArn"}
 *
 * (`region` is the standard region id a V4 signer needs, `accessKeyId`/`accessKeySecret` the RAM
 * user's long-lived key, whose only right is sts:AssumeRole on `roleArn`; the role allows oss:* on
 * the bucket and may be assumed with any valid RoleSessionName), then serves until SIGTERM or
 * SIGINT, and exits 0 after closing both endpoints and deleting its data. Everything else it
 * has to say goes to stderr.
 */

const USAGE =
  'usage: oss-test-server [--port N] [--sts-port N] [--v1-refused] [--custom-domain HOST]... ' +
  '[--min-duration SECONDS]';

function portOf(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${flag} must be a port number (0-65535), not "${text}".\n${USAGE}`);
  }
  return port;
}

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      'sts-port': { type: 'string' },
      'v1-refused': { type: 'boolean', default: false },
      'custom-domain': { type: 'string', multiple: true },
      'min-duration': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return;
  }
  const minDuration = values['min-duration'];
  if (minDuration !== undefined && !/^[1-9]\d*$/.test(minDuration)) {
    throw new Error(`--min-duration must be a positive number of seconds.\n${USAGE}`);
  }
  const server = await startOssTestServer({
    port: portOf(values.port, '--port'),
    stsPort: portOf(values['sts-port'], '--sts-port'),
    v1Refused: values['v1-refused'],
    customDomains: values['custom-domain'] ?? [],
    ...(minDuration === undefined ? {} : { minDurationSeconds: Number(minDuration) }),
  });
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`oss-test-server: ${signal}, closing\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`oss-test-server: close failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.stdout.write(
    `${JSON.stringify({
      endpoint: server.endpoint,
      stsEndpoint: server.stsEndpoint,
      region: server.standardRegion,
      bucket: server.bucket,
      accessKeyId: server.ramUser.accessKeyId,
      accessKeySecret: server.ramUser.accessKeySecret,
      roleArn: server.roleArn,
    })}\n`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `oss-test-server: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(2);
});
