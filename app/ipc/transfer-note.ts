/**
 * A transfer row's note by code, for the UI to word in its language (screenshot review, issue 13:
 * "unchanged since its last upload", "interrupted…", "resumed…" stayed English in zh-CN).
 *
 * The engine words its notes in English (the CLI and the journal keep those strings: history
 * rows from older versions carry them too); this reads them back into a code and params at the
 * wire, from the engine's own templates: app/engine/upload-note.ts (resumed, part size,
 * interrupted), transfer-runner.ts (unchanged, still written, changed during the upload, still
 * changing), guarded-delete.ts (already gone). test/unit/app/ipc/transfer-note.test.ts builds
 * each note with the engine's functions and constants, so a reworded note fails there instead of
 * showing untranslated. A note it does not know gets no code: the UI shows the English.
 */
export type TransferNoteCode =
  | 'unchanged'
  | 'interrupted'
  | 'resumed'
  | 'part-size-raised'
  | 'still-being-written'
  | 'changed-during-upload'
  | 'still-changing'
  | 'already-gone';

export interface TransferNoteView {
  readonly code: TransferNoteCode;
  readonly params: Readonly<Record<string, string | number>>;
}

const FIXED: Readonly<Record<string, TransferNoteCode>> = {
  'unchanged since its last upload': 'unchanged',
  'interrupted: Ferry stopped before it finished': 'interrupted',
  'the file is still being written; Ferry tries again shortly': 'still-being-written',
  'the file changed during the upload; it is uploaded again': 'changed-during-upload',
  'still changing: waiting for it to hold still': 'still-changing',
  'already gone from the bucket; nothing to delete': 'already-gone',
};

const RESUMED = /^resumed: (\d+) parts were already stored and not sent again$/;
const RAISED =
  /^sent in (.+) parts \(raised from the configured size so the file fits in 10,000 parts\)$/;

/** The codes of a note (uploadNote joins two with "; "); null when any part is unknown. */
export function transferNoteCodes(note: string | null): readonly TransferNoteView[] | null {
  if (note === null) return null;
  const fixed = FIXED[note];
  if (fixed !== undefined) return [{ code: fixed, params: {} }];
  const views: TransferNoteView[] = [];
  for (const part of note.split('; ')) {
    const resumed = RESUMED.exec(part);
    const raised = RAISED.exec(part);
    if (resumed) views.push({ code: 'resumed', params: { parts: Number(resumed[1]) } });
    else if (raised) views.push({ code: 'part-size-raised', params: { size: raised[1] ?? '' } });
    else return null;
  }
  return views;
}
