import { formatPartSize } from '../transfer/part-size.js';

/** What a finished upload tells the transfer view beyond "done". */
export interface UploadFacts {
  /** Parts already stored by an interrupted attempt, not sent again. */
  readonly partsReused: number;
  /** The part size, when it was raised so the file fits in 10,000 parts. */
  readonly partSizeRaisedTo?: number;
}

/** The done note: a resume, and the part size when it was raised; null when neither. */
export function uploadNote(outcome: UploadFacts): string | null {
  const notes: string[] = [];
  if (outcome.partsReused > 0) {
    notes.push(`resumed: ${outcome.partsReused} parts were already stored and not sent again`);
  }
  if (outcome.partSizeRaisedTo !== undefined) {
    notes.push(
      `sent in ${formatPartSize(outcome.partSizeRaisedTo)} parts (raised from the configured size so the file fits in 10,000 parts)`,
    );
  }
  return notes.length > 0 ? notes.join('; ') : null;
}

/**
 * The row of a transfer the engine's stop cut short (a settings save restarts the session; the
 * app quits): not the file's failure, so no failed record or history entry. The row is saved
 * before the journal closes (the stop waits for it); the file is not recorded as synced, so
 * the next session's scan uploads it again under the same row id.
 */
export const INTERRUPTED_NOTE = 'interrupted: Ferry stopped before it finished';
