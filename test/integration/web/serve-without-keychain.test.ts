import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import type { UiSnapshot } from '../../../app/ipc/views.js';
import { waitForUrl, type ServeProcess } from '../../e2e/support/serve-process.js';
import { buildOnce, repoRoot } from '../../support/build-once.js';
import { rgw } from '../setup/rgw-info.js';
import { remoteTree, workspace, type Workspace } from '../sync/ferry-process.js';

interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly result?: unknown;
  readonly error?: { code: string; message: string };
}

function openBridge(
  url: string,
): Promise<{ call: (channel: string, args: unknown) => Promise<Reply>; ws: WebSocket }> {
  const { port, searchParams } = new URL(url);
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge?token=${searchParams.get('token')}`, {
      origin: `http://127.0.0.1:${port}`,
    });
    let nextId = 1;
    const waiting = new Map<number, (reply: Reply) => void>();
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as Reply & { push?: string };
      if (message.push === undefined) waiting.get(message.id)?.(message);
    });
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('open', () =>
      resolve({
        ws,
        call: (channel, args) =>
          new Promise<Reply>((done) => {
            const id = nextId++;
            waiting.set(id, done);
            ws.send(JSON.stringify({ id, channel, args }));
          }),
      }),
    );
  });
}

/** The environment of a server without a Secret Service: no D-Bus session, no display, and no
 *  FERRY_SECRET_<ID> (the point is the secret typed in the browser). */
function noKeychainEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || name.startsWith('FERRY_SECRET_')) continue;
    if (/^(DBUS_SESSION_BUS_ADDRESS|DISPLAY|WAYLAND_DISPLAY|GNOME_KEYRING_CONTROL)$/.test(name)) {
      continue;
    }
    env[name] = value;
  }
  env['DBUS_SESSION_BUS_ADDRESS'] = 'unix:path=/nonexistent/ferry-no-bus';
  return env;
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name));
  }
  return out;
}

describe('ferry serve without a keychain (issue 12)', () => {
  let ws: Workspace;
  let serve: ServeProcess | undefined;

  beforeAll(async () => {
    await buildOnce();
    ws = await workspace('nokeychain');
    await writeFile(join(ws.data, 'a.txt'), 'typed in the browser, kept in memory');
    // A second folder whose path does not exist: its card shows why, and it does not start.
    const config = JSON.parse(await readFile(ws.config, 'utf8')) as { folders: object[] };
    config.folders.push({
      id: 'gone',
      path: join(ws.dir, 'not-there'),
      profile: 'ceph',
      bucket: rgw().bucket,
      prefix: `${ws.prefix}gone/`,
    });
    await writeFile(ws.config, JSON.stringify(config));
    serve = await startServeIn(ws.config, noKeychainEnv());
  }, 240_000);

  afterAll(async () => {
    await serve?.stop();
  });

  it('says there is no keychain, keeps the typed secret in memory, gets a token and syncs', async () => {
    const { call, ws: socket } = await openBridge(serve!.url);
    const snapshot = async () => (await call('app:get-snapshot', {})).result as UiSnapshot;
    try {
      const before = await snapshot();
      expect(before.keychainReachable).toBe(false);
      expect(before.profiles[0]).toMatchObject({ id: 'ceph', secretOrigin: 'none' });

      const saved = await call('secrets:set', {
        profileId: 'ceph',
        secret: rgw().user.secretAccessKey,
      });
      expect(saved.ok, JSON.stringify(saved.error)).toBe(true);

      let after = await snapshot();
      for (
        let i = 0;
        i < 100 &&
        !(
          after.profiles[0]?.status.expiresAt && after.folders.find((f) => f.id === 'gone')?.blocked
        );
        i++
      ) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        after = await snapshot();
      }
      expect(after.profiles[0]).toMatchObject({ secretOrigin: 'memory', secretStored: true });
      expect(after.profiles[0]?.status.expiresAt).toBeGreaterThan(Date.now());
      const gone = after.folders.find((f) => f.id === 'gone');
      expect(gone).toMatchObject({ state: 'error' });
      expect(gone?.blocked?.message).toMatch(/Folder "gone": .*not-there does not exist\./);
      expect(gone?.blocked?.hint).toMatch(/Create the folder/);
      const data = after.folders.find((f) => f.id === 'data');
      expect(data?.blocked ?? null).toBeNull();
      expect(data?.policy).toMatchObject({
        kind: 'auto',
        may: ['upload', 'read'],
        mayNot: ['delete', 'list'],
      });

      let remote = await remoteTree(ws.prefix);
      for (let i = 0; i < 100 && !remote.has('a.txt'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        remote = await remoteTree(ws.prefix);
      }
      expect([...remote.keys()]).toEqual(['a.txt']);

      // The folder is created: "sync now" on it checks it again, and it starts (the secret held
      // in memory survives the new session).
      await mkdir(join(ws.dir, 'not-there'));
      await writeFile(join(ws.dir, 'not-there', 'b.txt'), 'now it exists');
      expect((await call('folders:sync-now', { folderId: 'gone' })).ok).toBe(true);
      for (let i = 0; i < 100 && !remote.has('gone/b.txt'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        remote = await remoteTree(ws.prefix);
      }
      expect([...remote.keys()].sort()).toEqual(['a.txt', 'gone/b.txt']);
      expect((await snapshot()).folders.find((f) => f.id === 'gone')?.blocked ?? null).toBeNull();
    } finally {
      socket.close();
    }
    // Never on disk: not in the state directory, not in the config's folder.
    for (const file of [...(await filesUnder(ws.state)), ws.config]) {
      if (!(await stat(file)).isFile()) continue;
      expect((await readFile(file)).includes(rgw().user.secretAccessKey), file).toBe(false);
    }
  }, 120_000);
});

/** `ferry serve` (the built one) in exactly this environment (startServe adds process.env). */
function startServeIn(config: string, env: Record<string, string>): Promise<ServeProcess> {
  const child = spawn(
    'node',
    [join(repoRoot, 'out/cli/ferry.js'), 'serve', '--config', config, '--port', '0'],
    {
      env: { ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return waitForUrl(child, /Ferry web UI: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/, 30_000);
}
