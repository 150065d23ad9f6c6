import { describe, expect, it } from 'vitest';

import {
  createRequestHandlers,
  type DesktopHooks,
  type HandlerContext,
} from '../../../../main/ui-host/request-handlers.js';

/** Only what the dialog and completion handlers read; the rest is never touched by them. */
function handlers(desktop: DesktopHooks | undefined) {
  const context = { desktop, changed: () => {} } as unknown as HandlerContext;
  return createRequestHandlers(context);
}

const desktop: DesktopHooks = {
  openPath: () => Promise.resolve(),
  getStartAtLogin: () => false,
  setStartAtLogin: () => {},
  pickFiles: () => Promise.resolve(['/home/ann/a.txt']),
  pickFolder: () => Promise.resolve(null),
};

describe('dialog and completion requests', () => {
  it('the desktop answers with what its system dialog chose (null: cancelled)', async () => {
    const host = handlers(desktop);
    expect(await host['dialog:pick-files']({})).toEqual({ paths: ['/home/ann/a.txt'] });
    expect(await host['dialog:pick-folder']({})).toEqual({ path: null });
  });

  it('a browser on ferry serve has no system dialog: a clear refusal with a hint', async () => {
    const host = handlers(undefined);
    await expect(host['dialog:pick-files']({})).rejects.toMatchObject({
      code: 'unsupported',
      hint: expect.stringContaining('file chooser'),
    });
    await expect(host['dialog:pick-folder']({})).rejects.toMatchObject({
      code: 'unsupported',
      hint: expect.stringContaining('full path'),
    });
  });

  it('directory completion refuses a relative path before touching the disk', async () => {
    await expect(
      handlers(undefined)['fs:complete-directory']({ prefix: 'Documents' }),
    ).rejects.toMatchObject({ code: 'bad-request' });
  });
});

// Issue 13: a folder whose preflight failed must not take drops ("Upload files…" is disabled
// on its card; the engine refuses them too).
describe('uploads to a folder its preflight blocked', () => {
  it('are refused with folder-blocked before anything is expanded or queued', async () => {
    let queued = 0;
    const session = {
      config: { folders: [{ id: 'docs', bucket: 'b', prefix: 'p/' }] },
      blockOf: (id: string) => (id === 'docs' ? { message: 'Bucket "b" does not exist.' } : null),
      composition: {
        engine: {
          uploadDropped: () => {
            queued += 1;
            return [];
          },
        },
      },
    };
    const context = {
      desktop,
      changed: () => {},
      session: () => session,
      notices: { trackDropBatch: () => {} },
    } as unknown as HandlerContext;
    await expect(
      createRequestHandlers(context)['uploads:add-paths']({
        folderId: 'docs',
        paths: ['/tmp'],
        subPrefix: '',
      }),
    ).rejects.toMatchObject({ code: 'folder-blocked', params: { folder: 'docs' } });
    expect(queued).toBe(0);
  });
});
