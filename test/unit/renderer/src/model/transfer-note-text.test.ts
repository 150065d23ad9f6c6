import { describe, expect, it } from 'vitest';

import type { TransferNoteView } from '../../../../../app/ipc/transfer-note.js';
import { createI18n } from '../../../../../renderer/src/i18n/i18n.js';
import { transferNoteText } from '../../../../../renderer/src/model/transfer-note-text.js';

// Screenshot review (issue 13): row notes stayed English in the zh-CN UI.
describe('transferNoteText', () => {
  const unchanged = {
    note: 'unchanged since its last upload',
    noteCodes: [{ code: 'unchanged' as const, params: {} }],
  };

  it('words a note by its code in each language', () => {
    expect(transferNoteText(unchanged, createI18n('en').t)).toBe('unchanged since its last upload');
    expect(transferNoteText(unchanged, createI18n('zh-CN').t)).toBe('自上次上传以来未更改');
    expect(transferNoteText(unchanged, createI18n('zh-TW').t)).toBe('自上次上傳以來未變更');
  });

  it('fills the params and joins two notes', () => {
    const both: { note: string; noteCodes: readonly TransferNoteView[] } = {
      note: 'x',
      noteCodes: [
        { code: 'resumed' as const, params: { parts: 3 } },
        { code: 'part-size-raised' as const, params: { size: '16 MiB' } },
      ],
    };
    expect(transferNoteText(both, createI18n('zh-CN').t)).toBe(
      '已续传：3 个分片此前已存储，未再次发送; 以 16 MiB 的分片发送（已调大，使文件不超过 10,000 个分片）',
    );
  });

  it('keeps a note without a code as the engine worded it', () => {
    expect(transferNoteText({ note: 'something new' }, createI18n('zh-CN').t)).toBe(
      'something new',
    );
    expect(transferNoteText({ note: null }, createI18n('zh-CN').t)).toBeNull();
  });
});
