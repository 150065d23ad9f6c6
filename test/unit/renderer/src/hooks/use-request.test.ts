import { describe, expect, it } from 'vitest';

import { BridgeRequestError } from '../../../../../app/ipc/bridge-error.js';
import { describeError } from '../../../../../renderer/src/hooks/use-request.js';
import { createI18n } from '../../../../../renderer/src/i18n/i18n.js';

// Issue 13: a refused request's toast is worded by the engine's code and params.
describe('describeError', () => {
  const refused = new BridgeRequestError({
    code: 'folder-blocked',
    message: 'The folder "docs" did not pass its check, so it takes no uploads (denied).',
    hint: 'Fix the problem shown on its card, press Sync now, then upload the files again.',
    params: { folder: 'docs' },
  });

  it('words a coded refusal in the UI language', () => {
    expect(describeError(refused, createI18n('zh-TW').error)).toEqual({
      body: '資料夾 "docs" 未通過檢查，不接受上傳。',
      hint: '請解決其卡片上顯示的問題，點選「立即同步」，然後重新上傳檔案。',
    });
  });

  it('keeps the engine English in English, without a reader, and for an unknown code', () => {
    const english = { body: refused.message, hint: refused.hint };
    expect(describeError(refused, createI18n('en').error)).toEqual(english);
    expect(describeError(refused)).toEqual(english);
    const unknown = new BridgeRequestError({ code: 'newer', message: 'New.' });
    expect(describeError(unknown, createI18n('zh-CN').error)).toEqual({ body: 'New.' });
  });
});
