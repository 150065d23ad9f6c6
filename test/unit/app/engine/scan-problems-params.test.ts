import { describe, expect, it } from 'vitest';

import { problemsOfScan } from '../../../../app/engine/scan-problems.js';
import { SyncError } from '../../../../app/errors/sync-error.js';
import { readError } from '../../../../renderer/src/i18n/errors/read-error.js';

// Issue 13: a folder card words scan failures in the UI's language, by code with params.
describe('scan problems carry params for the translation', () => {
  it("keeps the error's params and names the path", () => {
    const [denied, other] = problemsOfScan('docs', {
      files: new Map(),
      errors: [
        {
          relativePath: 'private',
          error: new SyncError(
            'file-unreadable',
            'no-retry',
            'Cannot read /h/docs/private: permission denied.',
            {
              params: { path: '/h/docs/private' },
            },
          ),
        },
        { relativePath: 'odd', error: new Error('EIO') },
      ],
      skipped: [],
    });
    expect(denied?.params).toEqual({ path: '/h/docs/private' });
    // A plain error has no params of its own: the relative path is enough for the text.
    expect(other).toMatchObject({ code: 'file-unreadable', params: { path: 'odd' } });
    expect(
      readError(
        { code: other?.code ?? '', message: other?.reason ?? '', params: other?.params },
        'zh-CN',
      ).message,
    ).toBe('无法读取 odd。');
  });
});
