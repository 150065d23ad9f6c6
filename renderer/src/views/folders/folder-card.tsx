import { useState, type DragEvent } from 'react';

import { credentialHealthOf } from '../../../../app/credentials/credential-health.js';
import { folderStatusOf } from '../../../../app/presentation/tray/tray-state.js';
import type { FolderView, ProfileView } from '../../../../app/ipc/views.js';
import { useSession } from '../../bridge/session-context.js';
import { StateBadge } from '../../components/state-badge.js';
import { UploadFilesButton } from '../../components/upload-files-button.js';
import { captureDrop, carriesFiles } from '../../drops/capture-drop.js';
import type { DropPayload } from '../../drops/drop-uploader.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { folderCallout } from '../../model/folder-callout.js';
import { folderStatusDisplay, isFolderPaused } from '../../model/state-display.js';
import { pauseNote, uploadRefusal } from '../../model/upload-refusal.js';
import { FolderActions } from './folder-actions.js';
import { FolderFacts } from './folder-facts.js';
import { FolderPolicy } from './folder-policy.js';
import { PauseReason } from './pause-reason.js';

interface FolderCardProps {
  readonly folder: FolderView;
  readonly pausedAll: boolean;
  readonly canOpen: boolean;
  readonly now: number;
  /** The token of the folder's profile: its state ranks in the badge (tray-state.ts). */
  readonly credentials?: ProfileView['status'] | undefined;
  readonly onDrop: (folderId: string, payload: DropPayload) => void;
  /** Opens the Transfers view filtered to failed rows. */
  readonly onShowFailed?: (() => void) | undefined;
}

/** One synced folder: where it goes, how it is doing, its actions; also a drop target. */
export function FolderCard({
  folder,
  pausedAll,
  canOpen,
  now,
  credentials,
  onDrop,
  onShowFailed,
}: FolderCardProps) {
  const i18n = useI18n();
  const { t, tp } = i18n;
  const callout = folderCallout(folder, i18n.language);
  const status = folderStatusOf({
    folder,
    pausedAll,
    credentials: credentials ? credentialHealthOf(credentials, now) : null,
  });
  const { bridge } = useSession();
  const [over, setOver] = useState(false);
  const refusalKey = uploadRefusal(folder, pausedAll);
  const pausedWhy = pauseNote(folder, pausedAll);
  const refusal = refusalKey === null ? null : t(refusalKey);

  const onDragOver = (event: DragEvent): void => {
    if (!carriesFiles(event.dataTransfer)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDropHere = (event: DragEvent): void => {
    setOver(false);
    if (!carriesFiles(event.dataTransfer)) return;
    event.preventDefault();
    // The window's fallback handler must not upload the same drop again.
    event.stopPropagation();
    // A refused folder keeps the drop (the hint below says why) rather than queue failures.
    if (refusal === null) onDrop(folder.id, captureDrop(event.dataTransfer));
  };

  return (
    <article
      className={`card folder-card${over ? ' folder-card--over' : ''}`}
      data-testid={`folder-card-${folder.id}`}
      aria-labelledby={`folder-title-${folder.id}`}
      onDragOver={onDragOver}
      onDragLeave={(event) => {
        // Moving onto a child element also fires dragleave; only leaving the card counts.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={onDropHere}
    >
      <header className="card__header">
        <h2 className="card__title" id={`folder-title-${folder.id}`}>
          {folder.id}
        </h2>
        <StateBadge
          display={folderStatusDisplay(status)}
          state={status}
          testId={`folder-state-${folder.id}`}
        />
      </header>
      {status === 'checking' && (
        <p className="muted" role="status" data-testid={`folder-checking-${folder.id}`}>
          {t('folderStateCheckingHelp')}
        </p>
      )}
      <FolderFacts folder={folder} now={now} />
      <FolderPolicy folder={folder} />
      {callout && (
        <div className="callout callout--error" role="alert">
          <p>
            <span aria-hidden="true">⚠ </span>
            {callout.message}
          </p>
          {callout.hint && <p className="callout__hint">{callout.hint}</p>}
          {callout.original && (
            <details className="callout__hint muted">
              <summary>{t('detailOriginal')}</summary>
              <span lang="en">{callout.original}</span>
            </details>
          )}
        </div>
      )}
      {folder.counts.failed > 0 && (
        <div className="callout callout--error" data-testid={`folder-failed-${folder.id}`}>
          <p>
            <button type="button" className="button button--small" onClick={onShowFailed}>
              {tp('folderUploadsFailed', folder.counts.failed)}
            </button>
          </p>
        </div>
      )}
      {folder.pauseReason && <PauseReason folderId={folder.id} reason={folder.pauseReason} />}
      {pausedWhy && (
        <div
          className="callout callout--warn"
          role="status"
          data-testid={`folder-paused-${folder.id}`}
        >
          <p>
            <span aria-hidden="true">❚❚ </span>
            {t(pausedWhy)}
          </p>
        </div>
      )}
      <FolderActions
        folderId={folder.id}
        paused={isFolderPaused(folder, pausedAll)}
        canOpen={canOpen}
        bridge={bridge}
      />
      <div className="folder-card__drop">
        <p className="folder-card__drop-hint" data-testid={`folder-drop-hint-${folder.id}`}>
          {refusal ?? (over ? t('dropHereNow') : t('dropHere'))}
        </p>
        <UploadFilesButton onChosen={(payload) => onDrop(folder.id, payload)} refusal={refusal} />
      </div>
    </article>
  );
}
