import { describe, expect, it } from 'vitest';

import type { TransferView, UiSnapshot } from '../../../../../app/ipc/views.js';
import { BridgeRequestError } from '../../../../../app/ipc/bridge-error.js';
import type { ConnectionStatus } from '../../../../../renderer/src/bridge/connection.js';
import { WebSocketBridge } from '../../../../../renderer/src/bridge/ws-bridge.js';
import { FakeSocketServer, FakeTimers } from '../fakes/fake-socket.js';

const URL = 'ws://127.0.0.1:7000/bridge?token=t0k';

function setup(requestTimeoutMs?: number) {
  const server = new FakeSocketServer();
  const timers = new FakeTimers();
  const bridge = new WebSocketBridge({
    url: URL,
    connect: server.connect,
    timers,
    random: () => 0.5, // the middle of the jitter range: delays are exactly the base
    ...(requestTimeoutMs ? { requestTimeoutMs } : {}),
  });
  const statuses: ConnectionStatus[] = [];
  bridge.onConnection((status) => statuses.push(status));
  return { server, timers, bridge, statuses };
}

async function settled<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

describe('WebSocketBridge', () => {
  it('connects to the given URL and holds requests until the socket opens', async () => {
    const { server, bridge } = setup();
    expect(server.latest.url).toBe(URL);
    expect(bridge.connection()).toEqual({
      state: 'connecting',
      generation: 0,
      nextAttemptAt: null,
    });

    const reply = bridge.invoke('folders:pause', { folderId: 'docs' });
    expect(server.latest.sent).toEqual([]);

    server.latest.open();
    expect(server.latest.sent).toEqual([
      { id: 1, channel: 'folders:pause', args: { folderId: 'docs' } },
    ]);
    server.latest.receive({ id: 1, ok: true, result: null });
    await expect(reply).resolves.toBeNull();
    expect(bridge.connection().state).toBe('open');
    expect(bridge.connection().generation).toBe(1);
  });

  it('matches replies to requests by id, whatever order they come back in', async () => {
    const { server, bridge } = setup();
    server.latest.open();
    const first = bridge.invoke('transfers:retry', {});
    const second = bridge.invoke('secrets:delete', { profileId: 'p' });
    server.latest.receive({ id: 2, ok: true, result: { deleted: true } });
    server.latest.receive({ id: 1, ok: true, result: { retried: 3 } });
    await expect(first).resolves.toEqual({ retried: 3 });
    await expect(second).resolves.toEqual({ deleted: true });
  });

  it('turns an error reply into a BridgeRequestError with the code and hint', async () => {
    const { server, bridge } = setup();
    server.latest.open();
    const reply = settled(bridge.invoke('credentials:refresh', { profileId: 'p' }));
    server.latest.receive({
      id: 1,
      ok: false,
      error: { code: 'sts-denied', message: 'AccessDenied', hint: 'Check the role trust.' },
    });
    const { error } = await reply;
    expect(error).toBeInstanceOf(BridgeRequestError);
    expect(error).toMatchObject({
      code: 'sts-denied',
      message: 'AccessDenied',
      hint: 'Check the role trust.',
    });
  });

  it('delivers pushes to the listeners of their channel until they unsubscribe', () => {
    const { server, bridge } = setup();
    server.latest.open();
    const snapshots: UiSnapshot[] = [];
    const batches: (readonly TransferView[])[] = [];
    const stopSnapshots = bridge.on('snapshot:changed', (snapshot) => snapshots.push(snapshot));
    bridge.on('transfers:changed', ({ upserts }) => batches.push(upserts));

    server.latest.receive({ push: 'snapshot:changed', payload: { generatedAt: 1 } });
    server.latest.receive({ push: 'transfers:changed', payload: { upserts: [{ id: 7 }] } });
    stopSnapshots();
    server.latest.receive({ push: 'snapshot:changed', payload: { generatedAt: 2 } });

    expect(snapshots).toEqual([{ generatedAt: 1 }]);
    expect(batches).toEqual([[{ id: 7 }]]);
  });

  it('ignores frames that are not JSON or not ours', async () => {
    const { server, bridge } = setup();
    server.latest.open();
    const reply = bridge.invoke('folders:sync-now', {});
    server.latest.receive('not json');
    server.latest.receive({ hello: 'world' });
    server.latest.receive({ id: 99, ok: true, result: 'for nobody' });
    server.latest.receive({ id: 1, ok: true, result: null });
    await expect(reply).resolves.toBeNull();
  });

  it('rejects pending requests when the socket drops, then reconnects with growing delays', async () => {
    const { server, timers, bridge, statuses } = setup();
    server.latest.open();
    const pending = settled(bridge.invoke('config:get', {}));
    server.latest.drop();

    const { error } = await pending;
    expect(error).toBeInstanceOf(BridgeRequestError);
    expect((error as BridgeRequestError).code).toBe('disconnected');
    expect(bridge.connection()).toEqual({
      state: 'reconnecting',
      generation: 1,
      nextAttemptAt: timers.now() + 500,
    });

    timers.advance(499);
    expect(server.sockets).toHaveLength(1);
    timers.advance(1);
    expect(server.sockets).toHaveLength(2);

    server.latest.drop(); // the server is still down: the next wait doubles
    expect(bridge.connection().nextAttemptAt).toBe(timers.now() + 1_000);
    timers.advance(1_000);
    expect(server.sockets).toHaveLength(3);

    server.latest.open();
    expect(statuses.map((status) => [status.state, status.generation])).toEqual([
      ['open', 1],
      ['reconnecting', 1],
      ['reconnecting', 1],
      ['open', 2],
    ]);

    server.latest.drop(); // a success resets the backoff
    expect(bridge.connection().nextAttemptAt).toBe(timers.now() + 500);
  });

  it('refuses requests at once while waiting to reconnect, instead of hanging them', async () => {
    const { server, bridge } = setup();
    server.latest.open();
    server.latest.drop();
    const { error } = await settled(bridge.invoke('app:get-snapshot', {}));
    expect((error as BridgeRequestError).code).toBe('disconnected');
  });

  it('fails a request the server never answers', async () => {
    const { server, timers, bridge } = setup(5_000);
    server.latest.open();
    const reply = settled(bridge.invoke('folders:resume', {}));
    timers.advance(5_000);
    const { error } = await reply;
    expect((error as BridgeRequestError).code).toBe('timeout');
    // A late reply for it is ignored rather than resolving something else.
    server.latest.receive({ id: 1, ok: true, result: null });
  });

  it('stops reconnecting once disposed', () => {
    const { server, timers, bridge } = setup();
    server.latest.open();
    server.latest.drop();
    bridge.dispose();
    timers.advance(60_000);
    expect(server.sockets).toHaveLength(1);
    expect(timers.scheduled).toBe(0);
  });

  it('ignores events from a socket it has already replaced', async () => {
    const { server, timers, bridge } = setup();
    const old = server.latest;
    old.open();
    old.drop();
    timers.advance(500);
    server.latest.open();
    const reply = bridge.invoke('folders:sync-now', {});
    old.receive({ id: 1, ok: false, error: { code: 'stale', message: 'from the old socket' } });
    old.drop();
    expect(bridge.connection().state).toBe('open');
    server.latest.receive({ id: 1, ok: true, result: null });
    await expect(reply).resolves.toBeNull();
  });
});
