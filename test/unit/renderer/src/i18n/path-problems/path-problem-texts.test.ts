import { describe, expect, it } from 'vitest';

import { toPathProblemView } from '../../../../../../app/ipc/path-problem-view.js';
import {
  excludedByDefault,
  SKIP_CODES,
  skippedEntry,
} from '../../../../../../app/sync/path-problem.js';
import { LANGUAGES } from '../../../../../../renderer/src/i18n/choose-language.js';
import { placeholders } from '../../../../../../renderer/src/i18n/errors/read-error.js';
import { PATH_PROBLEM_TEXTS } from '../../../../../../renderer/src/i18n/path-problems/path-problem-texts.js';
import { readPathProblem } from '../../../../../../renderer/src/i18n/path-problems/read-path-problem.js';

const CJK = /[\u4e00-\u9fff]/;

// Issue 13: skip reasons on folder cards were English in the zh-CN/zh-TW UI.
describe('path problem texts', () => {
  it.each([...SKIP_CODES, 'pending' as const].map((code) => [code]))(
    '%s has a text in every language with the same placeholders',
    (code) => {
      const english = PATH_PROBLEM_TEXTS.en.reasons[code];
      for (const language of LANGUAGES) {
        const text = PATH_PROBLEM_TEXTS[language].reasons[code];
        expect(text.trim()).not.toBe('');
        expect(placeholders(text)).toEqual(placeholders(english));
        if (language !== 'en') expect(CJK.test(text)).toBe(true);
      }
    },
  );

  it('every special-file kind has a word in every language', () => {
    const kinds = Object.keys(PATH_PROBLEM_TEXTS.en.kinds).sort();
    for (const language of LANGUAGES) {
      expect(Object.keys(PATH_PROBLEM_TEXTS[language].kinds).sort()).toEqual(kinds);
    }
    expect(CJK.test(PATH_PROBLEM_TEXTS['zh-TW'].kinds.socket)).toBe(true);
  });
});

describe('readPathProblem', () => {
  const fifo = toPathProblemView(skippedEntry('docs', 'pipe', 'fifo'));
  const partial = toPathProblemView(excludedByDefault('docs', 'a.crdownload', '*.crdownload'));

  it('words a skip by its code and params, kind names included', () => {
    expect(readPathProblem(fifo, 'zh-CN').reason).toBe('特殊文件（命名管道），不上传');
    expect(readPathProblem(fifo, 'zh-TW').reason).toBe('特殊檔案（具名管道），不上傳');
    const read = readPathProblem(partial, 'zh-CN');
    expect(read.reason).toBe('被默认忽略规则 "*.crdownload" 排除');
    expect(read.hint).toMatch(/重命名/);
  });

  it('keeps the engine English in English, and for a code it does not know', () => {
    expect(readPathProblem(fifo, 'en').reason).toBe('special file (FIFO), not uploaded');
    const unknown = { outcome: 'skipped' as const, code: 'newer', reason: 'Something new.' };
    expect(readPathProblem(unknown, 'zh-CN').reason).toBe('Something new.');
  });

  it('a pending file is "still changing" in every language', () => {
    const pending = {
      outcome: 'pending' as const,
      code: 'file-changed',
      reason: 'still changing: uploaded once it has not been modified for 3 s',
    };
    expect(readPathProblem(pending, 'zh-TW').reason).toBe('仍在變動：停止修改後再上傳');
  });

  it('a failure is worded by its error code', () => {
    const failed = {
      outcome: 'failed' as const,
      code: 'file-unreadable',
      reason: 'Cannot read x.',
      params: { path: 'x' },
    };
    expect(readPathProblem(failed, 'zh-CN').reason).toBe('无法读取 x。');
  });
});
