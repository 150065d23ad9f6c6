import { describe, expect, it } from 'vitest';

import { CONFIG_ISSUE_CODES } from '../../../../../../app/config/config-issue.js';
import { parseConfig } from '../../../../../../app/config/parse-config.js';
import { toBridgeError } from '../../../../../../app/ipc/dispatcher.js';
import { LANGUAGES } from '../../../../../../renderer/src/i18n/choose-language.js';
import { CONFIG_ISSUE_TEXTS } from '../../../../../../renderer/src/i18n/config-issues/config-issue-texts.js';
import { readConfigIssue } from '../../../../../../renderer/src/i18n/config-issues/read-config-issue.js';
import { placeholders } from '../../../../../../renderer/src/i18n/errors/read-error.js';
import { errorAt, fieldErrorsOf } from '../../../../../../renderer/src/model/config-errors.js';

// Issue 13: the settings page's validation list is worded by code, in all three languages.
describe('config issue texts', () => {
  it('covers the three languages', () => {
    expect(Object.keys(CONFIG_ISSUE_TEXTS).sort()).toEqual([...LANGUAGES].sort());
  });

  describe.each(CONFIG_ISSUE_CODES.map((code) => [code]))('%s', (code) => {
    it.each([...LANGUAGES].map((language) => [language]))(
      'has a %s text with the same placeholders as English',
      (language) => {
        const text = CONFIG_ISSUE_TEXTS[language][code];
        const english = CONFIG_ISSUE_TEXTS.en[code];
        expect(text.trim()).not.toBe('');
        expect(placeholders(text)).toEqual(placeholders(english));
        if (language !== 'en') {
          expect(text).not.toBe(english);
          expect(/[\u4e00-\u9fff]/.test(text)).toBe(true);
        }
      },
    );
  });
});

describe('a refused save, as the settings page shows it', () => {
  const document = {
    profiles: [
      {
        id: 'ceph',
        endpoint: 'https://rgw.example',
        credentials: { source: 'assume-role', roleArn: 'arn:aws:iam:::role/R', accessKeyId: 'AK' },
      },
    ],
    folders: [{ id: 'docs', path: '/d', profile: 'ceph', bucket: 'b', prefix: '/' }],
    transfers: { partSize: 'lots' },
  };
  const refusal = (() => {
    try {
      parseConfig(document, 'ferry.yaml');
    } catch (error) {
      return toBridgeError(error);
    }
    throw new Error('the document was valid');
  })();

  it('crosses the bridge with each issue’s code and params', () => {
    expect(refusal.issues?.map((issue) => issue.code).sort()).toEqual([
      'not-a-size',
      'prefix-whole-bucket',
    ]);
    expect(refusal.issues?.find((issue) => issue.code === 'not-a-size')?.params).toEqual({
      value: 'lots',
    });
  });

  it('is worded in Chinese by code, with the values filled in', () => {
    const fields = fieldErrorsOf(refusal.issues ?? [], 'zh-CN');
    expect(errorAt(fields, 'folders[0].prefix')).toBe(
      '“/”等于整个存储桶；如果确实要用整个存储桶请留空，否则请写文件夹名，如“backup/”',
    );
    expect(errorAt(fieldErrorsOf(refusal.issues ?? [], 'zh-TW'), 'transfers.partSize')).toBe(
      '「lots」不是大小；請寫成 8MiB、512KiB 或位元組數',
    );
  });

  it('English keeps the engine’s line; an unknown code falls back to it too', () => {
    const fields = fieldErrorsOf(refusal.issues ?? [], 'en');
    expect(errorAt(fields, 'transfers.partSize')).toBe(
      '"lots" is not a size; write e.g. 8MiB, 512KiB or a number of bytes',
    );
    expect(
      readConfigIssue(
        { code: 'from-a-newer-engine' as never, params: {}, message: 'New.' },
        'zh-CN',
      ),
    ).toBe('New.');
  });
});
