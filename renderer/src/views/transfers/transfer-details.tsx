import { useEffect, useRef, useState } from 'react';

import type { TransferView } from '../../../../app/ipc/views.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { revealOnOpen } from '../../model/reveal-on-open.js';
import { copyText } from '../../model/transfer-copy.js';
import { detailLines, detailText } from '../../model/transfer-report.js';

/**
 * The expanded part of a row: everything about it in full, wrapped (never cut off with "…"),
 * and a Copy button for a bug report or a message to an administrator (issue 13).
 */
export function TransferDetails({ transfer }: { readonly transfer: TransferView }) {
  const i18n = useI18n();
  const { t } = i18n;
  const readable = transfer.error ? i18n.error(transfer.error) : null;
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const pane = useRef<HTMLDivElement>(null);
  // Once, when the pane opens (it is mounted only while the row is expanded): the whole row,
  // its Retry button included, not just the pane (reveal-on-open.ts).
  useEffect(
    () =>
      revealOnOpen(pane.current?.parentElement ?? null, (callback) =>
        requestAnimationFrame(callback),
      ),
    [],
  );
  const copy = async (): Promise<void> => {
    setCopied((await copyText(detailText(transfer, t, readable))) ? 'yes' : 'failed');
  };
  return (
    <div ref={pane} className="transfer-details" data-testid="transfer-details">
      <dl className="transfer-details__lines">
        {detailLines(transfer, readable).map((line) => (
          <div
            key={line.label}
            className={`transfer-details__line transfer-details__line--${line.label}`}
          >
            <dt>{t(line.label)}</dt>
            <dd>{line.value}</dd>
          </div>
        ))}
      </dl>
      <div className="transfer-details__actions">
        <button
          type="button"
          className="button button--small"
          data-testid="transfer-copy"
          aria-label={t('copyDetailsOf', { path: transfer.relativePath })}
          onClick={() => void copy()}
        >
          {t('copyDetails')}
        </button>
        <span role="status" className="muted">
          {copied === 'yes' ? t('copied') : copied === 'failed' ? t('copyFailed') : ''}
        </span>
      </div>
    </div>
  );
}
