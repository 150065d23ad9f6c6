import type { TransferView } from '../../../app/ipc/views.js';
import type { ReadableError } from '../i18n/errors/read-error.js';
import type { MessageKey } from '../i18n/messages.js';

/** One labelled line of a row's details. */
export interface DetailLine {
  readonly label: MessageKey;
  readonly value: string;
}

/**
 * What the details of a row show (issue 13: error and hint were cut off with "…"): the full
 * message, the hint, the code, the folder, the object key, the local file of a drop and the
 * attempts. Lines with nothing to say are left out.
 */
export function detailLines(
  transfer: TransferView,
  /** The error in the UI's language (I18n.error); without it, the engine's English text. */
  readable?: ReadableError | null,
): readonly DetailLine[] {
  const error =
    readable ??
    (transfer.error
      ? { message: transfer.error.message, hint: transfer.error.hint ?? null, original: null }
      : null);
  const lines: (DetailLine | null)[] = [
    error ? { label: 'detailError', value: error.message } : null,
    error?.hint ? { label: 'detailHint', value: error.hint } : null,
    error?.original ? { label: 'detailOriginal', value: error.original } : null,
    transfer.error ? { label: 'detailCode', value: transfer.error.code } : null,
    { label: 'detailFolder', value: transfer.folderId },
    transfer.remoteKey ? { label: 'detailObjectKey', value: transfer.remoteKey } : null,
    transfer.drop ? { label: 'detailLocalFile', value: transfer.drop.absolutePath } : null,
    transfer.attempts ? { label: 'detailAttempts', value: String(transfer.attempts) } : null,
  ];
  return lines.filter((line): line is DetailLine => line !== null);
}

/** The text the Copy button puts on the clipboard: the path, then one "Label: value" a line. */
export function detailText(
  transfer: TransferView,
  label: (key: MessageKey) => string,
  readable?: ReadableError | null,
): string {
  return [
    transfer.relativePath,
    ...detailLines(transfer, readable).map((line) => `${label(line.label)}: ${line.value}`),
  ].join('\n');
}
