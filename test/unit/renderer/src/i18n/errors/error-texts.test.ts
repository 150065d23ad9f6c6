import { describe, expect, it } from 'vitest';

import { ERROR_CODES, errorView, SyncError } from '../../../../../../app/errors/sync-error.js';
import { LANGUAGES } from '../../../../../../renderer/src/i18n/choose-language.js';
import { createI18n } from '../../../../../../renderer/src/i18n/i18n.js';
import {
  ERROR_TEXTS,
  placeholders,
  readError,
} from '../../../../../../renderer/src/i18n/errors/read-error.js';
import { credentialAlertOf } from '../../../../../../renderer/src/model/credential-alerts.js';
import { detailLines } from '../../../../../../renderer/src/model/transfer-report.js';
import { translateStoreFailure } from '../../../../../../main/adapters/sdk-errors/store-error.js';

// Issue 13: engine messages and hints are translated by error code, with params.
describe('error texts', () => {
  it('covers the three languages', () => {
    expect(Object.keys(ERROR_TEXTS).sort()).toEqual([...LANGUAGES].sort());
  });

  describe.each(ERROR_CODES.map((code) => [code]))('%s', (code) => {
    it.each([...LANGUAGES].map((language) => [language]))(
      'has a %s message and hint with the same placeholders as English',
      (language) => {
        const text = ERROR_TEXTS[language][code];
        expect(text.message.trim()).not.toBe('');
        expect(text.hint.trim()).not.toBe('');
        const english = ERROR_TEXTS.en[code];
        expect(placeholders(text.message)).toEqual(placeholders(english.message));
        expect(placeholders(text.hint)).toEqual(placeholders(english.hint));
        // The screenshot review: a collapsed row (cut off with "…") must start with words in
        // the reader's language, not with the English S3 operation and key ({action}).
        if (language !== 'en') expect(text.message).not.toMatch(/^\{action\}/);
        if (language !== 'en') {
          // A real translation, not a copied English sentence.
          expect(text.message).not.toBe(english.message);
          expect(/[\u4e00-\u9fff]/.test(text.message)).toBe(true);
          expect(/[\u4e00-\u9fff]/.test(text.hint)).toBe(true);
        }
      },
    );
  });

  it('Traditional and Simplified Chinese differ', () => {
    const differing = ERROR_CODES.filter(
      (code) => ERROR_TEXTS['zh-CN'][code].hint !== ERROR_TEXTS['zh-TW'][code].hint,
    );
    expect(differing.length).toBeGreaterThan(ERROR_CODES.length / 2);
  });
});

describe('readError', () => {
  const denied = errorView(
    translateStoreFailure(
      { status: 403, name: 'AccessDenied', requestId: undefined, network: undefined },
      'PutObject photos/a.jpg',
    ),
  );

  it('keeps the engine English in English', () => {
    expect(readError(denied, 'en')).toEqual({
      message: denied.message,
      hint: denied.hint,
      original: null,
    });
  });

  it('translates by code with the params, and keeps the English as the original', () => {
    const read = readError(denied, 'zh-CN');
    expect(read.message).toBe(
      '存储服务拒绝访问（AccessDenied），换用新凭证后仍被拒绝。（PutObject photos/a.jpg）',
    );
    expect(read.hint).toBe(ERROR_TEXTS['zh-CN']['access-denied'].hint);
    expect(read.original).toBe(`${denied.message} ${denied.hint}`);
    expect(readError(denied, 'zh-TW').message).toContain('儲存服務拒絕存取');
  });

  it('falls back to English when a param is missing', () => {
    // The preflight words its own bucket message without the store's params.
    const bare = errorView(
      new SyncError('bucket-missing', 'fatal', 'Folder "docs": bucket "x" does not exist.', {
        hint: 'Create the bucket.',
      }),
    );
    expect(readError(bare, 'zh-CN')).toEqual({
      message: bare.message,
      hint: 'Create the bucket.',
      original: null,
    });
  });

  it('falls back to English for a code it does not know', () => {
    const unknown = { code: 'from-a-newer-engine', message: 'Something new.' };
    expect(readError(unknown, 'zh-TW')).toEqual({
      message: 'Something new.',
      hint: null,
      original: null,
    });
  });

  it('a param value is inserted as it is, never interpreted as a placeholder', () => {
    const error = errorView(
      new SyncError('file-unreadable', 'no-retry', 'Cannot read {x}.', { params: { path: '{x}' } }),
    );
    expect(readError(error, 'zh-CN').message).toBe('无法读取 {x}。');
  });

  it('a credential alert carries the error, for the banner to translate', () => {
    const failing = errorView(
      new SyncError(
        'sts-unreachable',
        'retry',
        'Cannot reach STS at http://h for profile "p" (ECONNREFUSED).',
        {
          params: { profile: 'p', endpoint: 'http://h', detail: 'ECONNREFUSED' },
        },
      ),
    );
    const alert = credentialAlertOf(
      {
        id: 'p',
        status: {
          state: 'failing',
          expiresAt: null,
          nextRefreshAt: null,
          lastRefreshAt: null,
          lastError: failing,
          retryAt: 10_000,
        },
      } as unknown as Parameters<typeof credentialAlertOf>[0],
      0,
    );
    expect(alert?.error).toEqual(failing);
    expect(readError(failing, 'zh-TW').message).toBe(
      '無法連線設定檔 "p" 的 STS（http://h，ECONNREFUSED）。',
    );
  });

  it('the details of a failed row show the translation and the English original', () => {
    const i18n = createI18n('zh-CN');
    const transfer = {
      id: 1,
      folderId: 'photos',
      relativePath: 'a.jpg',
      error: denied,
    } as unknown as Parameters<typeof detailLines>[0];
    const lines = detailLines(transfer, i18n.error(denied));
    expect(lines.map((line) => line.label)).toEqual([
      'detailError',
      'detailHint',
      'detailOriginal',
      'detailCode',
      'detailFolder',
    ]);
    expect(lines[0]?.value).toContain('存储服务拒绝访问');
    expect(lines[2]?.value).toBe(`${denied.message} ${denied.hint}`);
  });
});
