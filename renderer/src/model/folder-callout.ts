import type { FolderView } from '../../../app/ipc/views.js';
import type { Language } from '../i18n/choose-language.js';
import { readError, type ReadableError } from '../i18n/errors/read-error.js';

/**
 * What a folder card's error callout says: a failed preflight in the UI's language by its code
 * (issue 13), else the folder's last error as the engine worded it. `original` (the English
 * text of a translated one) is for a collapsed "In English" line only: the screenshot review
 * found the whole English message and hint repeated as a paragraph under the Chinese.
 */
export function folderCallout(
  folder: Pick<FolderView, 'lastError' | 'blocked'>,
  language: Language,
): ReadableError | null {
  const block = folder.blocked ?? null;
  if (block) {
    return readError(
      {
        code: block.code ?? '',
        message: block.message,
        ...(block.hint === null ? {} : { hint: block.hint }),
        ...(block.params ? { params: block.params } : {}),
      },
      language,
    );
  }
  return folder.lastError ? { message: folder.lastError, hint: null, original: null } : null;
}
