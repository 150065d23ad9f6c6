import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { EnvOverlaySecretStore } from '../../../main/adapters/secrets/env-overlay-secret-store.js';
import { KeytarSecretStore } from '../../../main/adapters/secrets/keytar-secret-store.js';
import { startFerryUiHost, type FerryUiHost } from '../../../main/ui-host/ferry-ui-host.js';
import { waitUntil } from '../sync/ferry-process.js';

const hosts: FerryUiHost[] = [];
const servers: { server: Server; sockets: Set<Socket> }[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.stop()));
  for (const { server, sockets } of servers.splice(0)) {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** An endpoint that accepts connections and never answers: a preflight there stays in flight. */
async function silentEndpoint() {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const entry = { server, sockets };
  servers.push(entry);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}`, entry };
}

describe('the UI host shows a folder as "checking" while its preflight runs (issue 12)', () => {
  it('checking while the store does not answer (never idle), then the outcome once it does', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-checking-'));
    await mkdir(join(dir, 'docs'));
    const { url, entry } = await silentEndpoint();
    const configPath = join(dir, 'ferry.json');
    await writeFile(
      configPath,
      JSON.stringify({
        profiles: [
          {
            id: 'silent',
            endpoint: url,
            forcePathStyle: true,
            credentials: {
              source: 'assume-role',
              accessKeyId: 'AKIACHECKING',
              roleArn: 'arn:aws:iam:::role/none',
            },
          },
        ],
        folders: [
          { id: 'docs', path: join(dir, 'docs'), profile: 'silent', bucket: 'docs', prefix: 'd/' },
        ],
        stateDir: join(dir, 'state'),
      }),
    );
    const host = await startFerryUiHost({
      configPath,
      secrets: new EnvOverlaySecretStore(new KeytarSecretStore(), {
        FERRY_SECRET_SILENT: 'not-a-real-secret',
      }),
      host: 'web',
      logWrite: () => {},
    });
    hosts.push(host);

    await waitUntil(
      () => Promise.resolve(host.snapshot().folders[0]?.state === 'checking'),
      10_000,
      'the folder to show checking',
    );
    // Still in flight a while later: the card keeps saying so, and the tray is not "idle".
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const during = host.snapshot();
    expect(during.folders[0]).toMatchObject({ state: 'checking', blocked: null });
    expect(during.trayState).toBe('syncing');

    // The store now refuses connections: the check ends (an error, or a token problem the
    // profile shows), and the folder leaves "checking".
    for (const socket of entry.sockets) socket.destroy();
    await new Promise((resolve) => entry.server.close(resolve));
    servers.splice(servers.indexOf(entry), 1);
    await waitUntil(
      () => Promise.resolve(host.snapshot().folders[0]?.state !== 'checking'),
      90_000,
      'the folder to leave checking',
    );
  }, 120_000);
});
