import type { TransferView } from '../../../../app/ipc/views.js';
import { ProgressBar } from '../../components/progress-bar.js';
import { percentDone } from '../../format/format-size.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { SpeedTracker } from '../../model/speed-tracker.js';
import { transferNoteText } from '../../model/transfer-note-text.js';

interface TransferDetailProps {
  readonly transfer: TransferView;
  readonly speeds: SpeedTracker;
  readonly now: number;
}

/** The second line of a row: progress while uploading, the reason when failed or skipped. */
export function TransferDetail({ transfer, speeds, now }: TransferDetailProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const note = transferNoteText(transfer, t);
  // The resume is said once: by the note's code when it has one, else by the count.
  const resumeNoted = transfer.noteCodes?.some((n) => n.code === 'resumed') === true;
  switch (transfer.state) {
    case 'uploading': {
      const percent = percentDone(transfer.bytesDone, transfer.size);
      const speed = speeds.speedOf(transfer.id, now);
      const eta = speeds.etaOf(transfer, now);
      const parts = [
        t('percent', { percent }),
        speed === null ? null : i18n.speed(speed),
        eta === null ? null : t('timeLeft', { duration: i18n.duration(eta + 999) }),
      ].filter((part): part is string => part !== null);
      return (
        <span className="transfer-detail">
          <ProgressBar percent={percent} label={t('progressOf', { path: transfer.relativePath })} />
          <span className="transfer-detail__numbers">{parts.join(' · ')}</span>
        </span>
      );
    }
    case 'failed': {
      const error = transfer.error ? i18n.error(transfer.error) : null;
      return (
        <span className="transfer-detail transfer-detail--error">
          <span data-testid="transfer-error" title={error?.message}>
            {error?.message ?? t('failedNoReason')}
          </span>
          {error?.hint && (
            <span className="transfer-detail__hint" title={error.hint}>
              {error.hint}
            </span>
          )}
        </span>
      );
    }
    case 'skipped':
      return <span className="transfer-detail muted">{note ?? t('skippedNoNote')}</span>;
    case 'done':
      return (
        <span className="transfer-detail muted">
          {transfer.finishedAt === null ? '' : i18n.relative(transfer.finishedAt, now)}
          {note ? ` · ${note}` : ''}
          {transfer.partsReused > 0 && !resumeNoted
            ? ` · ${i18n.tp('partsReused', transfer.partsReused)}`
            : ''}
        </span>
      );
    case 'retrying':
    case 'waiting-for-credentials': {
      const error = transfer.error ? i18n.error(transfer.error) : null;
      return (
        <span className="transfer-detail muted" title={error?.hint ?? undefined}>
          {error?.message ?? ''}
        </span>
      );
    }
    case 'queued':
    case 'deleting':
      return <span className="transfer-detail muted">{note ?? ''}</span>;
  }
}
