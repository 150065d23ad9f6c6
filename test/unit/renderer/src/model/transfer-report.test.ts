import { describe, expect, it } from 'vitest';

import { createI18n } from '../../../../../renderer/src/i18n/i18n.js';
import { detailLines, detailText } from '../../../../../renderer/src/model/transfer-report.js';
import { transfer } from '../fakes/views.js';

const en = createI18n('en');
const zhCN = createI18n('zh-CN');

describe('transfer details (issue 13: errors you can read)', () => {
  const failed = transfer({
    id: 7,
    relativePath: 'reports/2024/a very long name that the row cuts off.pdf',
    state: 'failed',
    error: {
      code: 'access-denied',
      message:
        'The store refused the upload of reports/2024/… (403 AccessDenied): the session policy allows PutObject only under backup/.',
      hint: 'Widen the role policy to the folder prefix, or change the folder prefix.',
    },
    remoteKey: 'backup/reports/2024/a very long name that the row cuts off.pdf',
    attempts: 4,
  });

  it('lists the whole message, hint, code, folder, object key and attempts, uncut', () => {
    expect(detailLines(failed)).toEqual([
      { label: 'detailError', value: failed.error?.message },
      { label: 'detailHint', value: failed.error?.hint },
      { label: 'detailCode', value: 'access-denied' },
      { label: 'detailFolder', value: failed.folderId },
      { label: 'detailObjectKey', value: failed.remoteKey },
      { label: 'detailAttempts', value: '4' },
    ]);
  });

  it('copies the path and one labelled line each, in the UI language', () => {
    const text = detailText(failed, en.t);
    expect(text.split('\n')[0]).toBe(failed.relativePath);
    expect(text).toContain('What to do: Widen the role policy');
    expect(text).toContain('Object key: backup/reports/2024/');
    expect(detailText(failed, zhCN.t)).toContain('尝试次数: 4');
  });

  it('names a drop by its local file and leaves out what it does not know', () => {
    const drop = transfer({
      id: 8,
      origin: 'drop',
      drop: { absolutePath: '/home/u/Desktop/x.bin', remoteKey: 'in/x.bin' },
    });
    expect(detailLines(drop).map((line) => line.label)).toEqual([
      'detailFolder',
      'detailLocalFile',
    ]);
  });
});
