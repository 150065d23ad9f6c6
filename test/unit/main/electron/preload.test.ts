import { describe, expect, it, vi } from 'vitest';

import type { PreloadApi } from '../../../../app/ipc/preload-api.js';

// The Electron seam: the real module needs the Electron binary, which our machines cannot get.
const exposed = new Map<string, unknown>();
const sent: unknown[][] = [];
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      sent.push(args);
      return Promise.resolve({ ok: true, result: null });
    },
    on: () => undefined,
    removeListener: () => undefined,
  },
  webUtils: { getPathForFile: () => '/dropped/file' },
}));

describe('preload', () => {
  it('exposes the bridge as window.ferry and nothing else', async () => {
    await import('../../../../main/electron/preload.js');
    expect([...exposed.keys()]).toEqual(['ferry']);
    const api = exposed.get('ferry') as PreloadApi<File>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on', 'pathForFile']);
    await expect(api.invoke('folders:sync-now', {})).resolves.toEqual({ ok: true, result: null });
    expect(sent).toEqual([['folders:sync-now', {}]]);
    expect(api.pathForFile(new File([], 'a'))).toBe('/dropped/file');
  });
});
