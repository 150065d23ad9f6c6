import type { TransferNoteCode } from '../../../app/ipc/transfer-note.js';
import type { TransferView } from '../../../app/ipc/views.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Translator } from '../i18n/translate.js';

const NOTE_KEYS: Readonly<Record<TransferNoteCode, MessageKey>> = {
  unchanged: 'noteUnchanged',
  interrupted: 'noteInterrupted',
  resumed: 'noteResumed',
  'part-size-raised': 'notePartSizeRaised',
  'still-being-written': 'noteStillBeingWritten',
  'changed-during-upload': 'noteChangedDuringUpload',
  'still-changing': 'noteStillChanging',
  'already-gone': 'noteAlreadyGone',
};

/**
 * A row's note in the UI's language, by the code the view carries (app/ipc/transfer-note.ts;
 * screenshot review, issue 13); the engine's English when the note has no code (a newer
 * engine's note, or none); null without a note.
 */
export function transferNoteText(
  transfer: Pick<TransferView, 'note' | 'noteCodes'>,
  t: Translator['t'],
): string | null {
  const codes = transfer.noteCodes;
  if (codes === undefined || codes.length === 0) return transfer.note;
  return codes.map(({ code, params }) => t(NOTE_KEYS[code], params)).join('; ');
}
