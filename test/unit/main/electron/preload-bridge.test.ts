import { describe, expect, it } from 'vitest';

import { pushChannels, requestChannels } from '../../../../app/ipc/contract.js';
import {
  createPreloadApi,
  type IpcRendererLike,
} from '../../../../main/electron/preload-bridge.js';
import { preloadPushChannels, preloadRequestChannels } from '../../../../app/ipc/preload-api.js';
import { aSnapshot } from '../../app/presentation/tray/ui-snapshot.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** ipcRenderer with a scripted main process: `sent` records what left the preload. */
class FakeIpcRenderer implements IpcRendererLike {
  readonly sent: [string, unknown[]][] = [];
  readonly listeners = new Map<string, Set<Listener>>();

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.sent.push([channel, args]);
    return Promise.resolve({ ok: true, result: { echoed: channel } });
  }

  on(channel: string, listener: Listener): this {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
    return this;
  }

  removeListener(channel: string, listener: Listener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }

  /** Main sends a push: Electron calls listeners with its event object first. */
  emit(channel: string, payload: unknown): void {
    const event = { sender: { invoke: 'a handle on ipcRenderer' }, ports: [] };
    for (const listener of this.listeners.get(channel) ?? []) listener(event, payload);
  }

  count(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  }
}

function setup() {
  const ipc = new FakeIpcRenderer();
  const paths = new Map<object, string>();
  const api = createPreloadApi(ipc, { getPathForFile: (file) => paths.get(file) ?? '' });
  return { ipc, api, paths };
}

describe('preload channel lists', () => {
  it('equal the contract’s', () => {
    expect([...preloadRequestChannels].sort()).toEqual([...requestChannels].sort());
    expect([...preloadPushChannels].sort()).toEqual([...pushChannels].sort());
  });
});

describe('createPreloadApi', () => {
  it('exposes invoke, on and pathForFile, and nothing else', () => {
    expect(Object.keys(setup().api).sort()).toEqual(['invoke', 'on', 'pathForFile']);
  });

  it('sends a contract request with its one argument and returns main’s reply', async () => {
    const { ipc, api } = setup();
    await expect(api.invoke('folders:pause', { folderId: 'docs' })).resolves.toEqual({
      ok: true,
      result: { echoed: 'folders:pause' },
    });
    expect(ipc.sent).toEqual([['folders:pause', [{ folderId: 'docs' }]]]);
  });

  it.each([
    'shell:open-external',
    'ELECTRON_BROWSER_REQUIRE',
    '__proto__',
    'constructor',
    'notice',
    42,
    null,
  ])('refuses %j without sending it', async (channel) => {
    const { ipc, api } = setup();
    const reply = await api.invoke(channel as never, {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(ipc.sent).toEqual([]);
  });

  it('hands a push listener the payload alone, never Electron’s event', () => {
    const { ipc, api } = setup();
    const received: unknown[][] = [];
    api.on('snapshot:changed', (...args: unknown[]) => received.push(args));
    const snapshot = aSnapshot();
    ipc.emit('snapshot:changed', snapshot);
    expect(received).toEqual([[snapshot]]);
  });

  it('unsubscribes exactly the listener it added', () => {
    const { ipc, api } = setup();
    const seen: string[] = [];
    const stopA = api.on('notice', () => seen.push('a'));
    api.on('notice', () => seen.push('b'));
    stopA();
    stopA();
    ipc.emit('notice', {});
    expect(seen).toEqual(['b']);
    expect(ipc.count('notice')).toBe(1);
  });

  it.each(['folders:pause', 'ELECTRON_RENDERER_ASYNC', 'snapshot', 7])(
    'refuses to listen on %j',
    (channel) => {
      const { ipc, api } = setup();
      expect(() => api.on(channel as never, () => undefined)).toThrow(TypeError);
      expect(ipc.listeners.size).toBe(0);
    },
  );

  it('refuses a listener that is not a function', () => {
    const { ipc, api } = setup();
    expect(() => api.on('notice', 'alert(1)' as never)).toThrow(TypeError);
    expect(ipc.count('notice')).toBe(0);
  });

  it('turns a dropped file into its path', () => {
    const { api, paths } = setup();
    const file = new File(['x'], 'a.txt');
    paths.set(file, '/home/ann/a.txt');
    expect(api.pathForFile(file)).toBe('/home/ann/a.txt');
    expect(api.pathForFile(new File([], 'made-in-js.txt'))).toBe('');
  });
});
