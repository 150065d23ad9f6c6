import { describe, expect, it } from 'vitest';

import { requestChannels } from '../../../../app/ipc/contract.js';
import { registerIpc } from '../../../../main/electron/ipc-registration.js';
import { createTrustedSenderCheck } from '../../../../main/electron/trusted-sender.js';
import { aSnapshot } from '../../app/presentation/tray/ui-snapshot.js';
import { FakeContents, FakeIpcMain, RENDERER_URL, recordingHost } from './fake-ipc.js';

function setup() {
  const ipcMain = new FakeIpcMain();
  const host = recordingHost();
  const window = { contents: new FakeContents(7) as FakeContents | undefined };
  const dispose = registerIpc({
    ipcMain,
    host,
    isTrustedSender: createTrustedSenderCheck({
      contents: () => window.contents,
      rendererUrl: RENDERER_URL,
      caseInsensitivePaths: false,
    }),
    pushTarget: () => window.contents,
  });
  const own = window.contents as FakeContents;
  return { ipcMain, host, window, own, dispose };
}

const refused = {
  ok: false,
  error: {
    code: 'bad-request',
    message: expect.stringMatching(/not sent by Ferry's window/),
    hint: expect.any(String),
  },
};

describe('registerIpc', () => {
  it('handles exactly the contract’s request channels', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.listeners.keys()].sort()).toEqual([...requestChannels].sort());
  });

  it('runs a valid request and returns the handler’s result', async () => {
    const { ipcMain, host, own } = setup();
    await expect(
      ipcMain.invoke(own.event(), 'folders:pause', { folderId: 'docs' }),
    ).resolves.toEqual({ ok: true, result: null });
    await expect(
      ipcMain.invoke(own.event(), 'uploads:add-paths', { folderId: 'docs', paths: ['/a', '/b'] }),
    ).resolves.toEqual({ ok: true, result: { queued: 2, skipped: [] } });
    await expect(ipcMain.invoke(own.event(), 'app:get-snapshot', {})).resolves.toEqual({
      ok: true,
      result: aSnapshot(),
    });
    // The handler saw validated arguments, defaults applied.
    expect(host.calls).toEqual([
      ['folders:pause', { folderId: 'docs' }],
      ['uploads:add-paths', { folderId: 'docs', paths: ['/a', '/b'], subPrefix: '' }],
      ['app:get-snapshot', {}],
    ]);
  });

  it('accepts our page with a route in its fragment', async () => {
    const { ipcMain, host, own } = setup();
    own.mainFrame.url = `${RENDERER_URL}#/transfers?filter=failed`;
    await expect(ipcMain.invoke(own.event(), 'folders:sync-now', {})).resolves.toMatchObject({
      ok: true,
    });
    expect(host.calls).toHaveLength(1);
  });

  describe('refuses a sender that is not our window’s main frame, without running anything', () => {
    it('another webContents, even one showing our page', async () => {
      const { ipcMain, host } = setup();
      const stranger = new FakeContents(8);
      await expect(ipcMain.invoke(stranger.event(), 'folders:pause', {})).resolves.toEqual(refused);
      expect(host.calls).toEqual([]);
    });

    it('an event claiming our id but coming from another frame object', async () => {
      const { ipcMain, host, own } = setup();
      const lookalike = { url: RENDERER_URL, parent: null };
      await expect(ipcMain.invoke(own.event(lookalike), 'folders:pause', {})).resolves.toEqual(
        refused,
      );
      expect(host.calls).toEqual([]);
    });

    it('a subframe of our window', async () => {
      const { ipcMain, host, own } = setup();
      const iframe = { url: RENDERER_URL, parent: own.mainFrame };
      await expect(
        ipcMain.invoke(own.event(iframe), 'secrets:delete', { profileId: 'lab' }),
      ).resolves.toEqual(refused);
      expect(host.calls).toEqual([]);
    });

    it.each([
      'https://evil.example/index.html',
      'file:///tmp/evil/index.html',
      'file:///opt/Ferry/resources/app.asar/out/renderer/index.html',
      'app://ferry/other.html',
      'app://evil/index.html',
      'app://ferry.evil.example/index.html',
      'app:ferry/index.html',
      'about:blank',
      '',
    ])('our main frame showing a foreign page: %j', async (url) => {
      const { ipcMain, host, own } = setup();
      own.mainFrame.url = url;
      await expect(ipcMain.invoke(own.event(), 'folders:resume', {})).resolves.toEqual(refused);
      expect(host.calls).toEqual([]);
    });

    it('a frame that is gone (senderFrame null)', async () => {
      const { ipcMain, host, own } = setup();
      await expect(ipcMain.invoke(own.event(null), 'folders:pause', {})).resolves.toEqual(refused);
      expect(host.calls).toEqual([]);
    });

    it('anything once our window is destroyed or not there yet', async () => {
      const { ipcMain, host, own, window } = setup();
      own.destroyed = true;
      await expect(ipcMain.invoke(own.event(), 'folders:pause', {})).resolves.toEqual(refused);
      window.contents = undefined;
      await expect(ipcMain.invoke(own.event(), 'folders:pause', {})).resolves.toEqual(refused);
      expect(host.calls).toEqual([]);
    });
  });

  it('has no handler for a channel outside the contract', async () => {
    const { ipcMain, own } = setup();
    await expect(ipcMain.invoke(own.event(), 'shell:open-external', {})).rejects.toThrow(
      /No handler registered/,
    );
  });

  it.each<[string, string, unknown[], RegExp]>([
    ['a number for an id', 'folders:pause', [{ folderId: 42 }], /folderId/],
    ['an id with a slash', 'folders:open', [{ folderId: '../etc' }], /folderId/],
    [
      'an extra key next to a secret',
      'secrets:set',
      [{ profileId: 'lab', secret: 's3cr3t-value', extra: 1 }],
      /extra/,
    ],
    ['no paths', 'uploads:add-paths', [{ folderId: 'docs', paths: [] }], /paths/],
    ['no argument object', 'credentials:refresh', [], /profileId/],
    ['a string instead of an object', 'folders:sync-now', ['docs'], /arguments/],
    ['two arguments', 'folders:pause', [{}, {}], /one argument/],
  ])('refuses %s without calling the handler', async (_name, channel, args, field) => {
    const { ipcMain, host, own } = setup();
    const reply = await ipcMain.invoke(own.event(), channel, ...args);
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'bad-request',
        message: expect.stringMatching(field),
        hint: expect.any(String),
      },
    });
    expect(JSON.stringify(reply)).not.toContain('s3cr3t-value');
    expect(host.calls).toEqual([]);
  });

  it('passes a handler’s SyncError as code, message and hint', async () => {
    const { ipcMain, own } = setup();
    await expect(
      ipcMain.invoke(own.event(), 'folders:open', { folderId: 'missing' }),
    ).resolves.toEqual({
      ok: false,
      error: {
        code: 'file-vanished',
        message: 'The folder /data/missing is gone.',
        hint: 'Reconnect the drive or remove the folder from the configuration.',
      },
    });
  });

  it('turns any other handler failure into internal, with no stack', async () => {
    const { ipcMain, own } = setup();
    const reply = await ipcMain.invoke(own.event(), 'transfers:retry', {});
    expect(reply).toEqual({
      ok: false,
      error: { code: 'internal', message: 'database is locked' },
    });
  });

  it('forwards pushes to our window while it exists', () => {
    const { host, own, window } = setup();
    const snapshot = aSnapshot({ pausedAll: true });
    host.push({ channel: 'snapshot:changed', payload: snapshot });
    host.push({ channel: 'transfers:changed', payload: { upserts: [] } });
    expect(own.sent).toEqual([
      ['snapshot:changed', snapshot],
      ['transfers:changed', { upserts: [] }],
    ]);
    own.destroyed = true;
    host.push({ channel: 'snapshot:changed', payload: snapshot });
    window.contents = undefined;
    expect(() => host.push({ channel: 'snapshot:changed', payload: snapshot })).not.toThrow();
    expect(own.sent).toHaveLength(2);
  });

  it('removes its handlers and its push listener when disposed', async () => {
    const { ipcMain, host, own, dispose } = setup();
    dispose();
    expect(ipcMain.listeners.size).toBe(0);
    expect(host.listenerCount()).toBe(0);
    await expect(ipcMain.invoke(own.event(), 'folders:pause', {})).rejects.toThrow(
      /No handler registered/,
    );
    host.push({
      channel: 'notice',
      payload: { id: 1, level: 'info', kind: 'config-saved', title: 't', body: 'b', at: 0 },
    });
    expect(own.sent).toEqual([]);
  });

  it('can be registered again after disposal (a reloaded shell)', () => {
    const { ipcMain, host, dispose, own } = setup();
    dispose();
    expect(() =>
      registerIpc({ ipcMain, host, isTrustedSender: () => true, pushTarget: () => own }),
    ).not.toThrow();
  });
});
