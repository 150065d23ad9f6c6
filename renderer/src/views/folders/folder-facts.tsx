import type { FolderView } from '../../../../app/ipc/views.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { FolderProblems } from './folder-problems.js';

/** Where a folder syncs from and to, and its counts. */
export function FolderFacts({
  folder,
  now,
}: {
  readonly folder: FolderView;
  readonly now: number;
}) {
  const { t, number, relative, clock } = useI18n();
  const { counts } = folder;
  return (
    <>
      <dl className="facts">
        <dt>{t('folderLocal')}</dt>
        <dd className="mono" title={folder.path}>
          {folder.path}
        </dd>
        <dt>{t('folderRemote')}</dt>
        <dd className="mono">
          {folder.bucket}/{folder.prefix}
        </dd>
        <dt>{t('folderMode')}</dt>
        <dd>
          {folder.mode === 'mirror' ? t('folderModeMirror') : t('folderModeUpload')}
          <span className="muted"> · {folder.profileId}</span>
        </dd>
        <dt>{t('folderLastSync')}</dt>
        <dd>
          {folder.lastScanAt === null ? (
            t('folderNeverSynced')
          ) : (
            <time
              dateTime={new Date(folder.lastScanAt).toISOString()}
              title={clock(folder.lastScanAt, now)}
            >
              {relative(folder.lastScanAt, now)}
            </time>
          )}
        </dd>
      </dl>
      <ul className="counts" aria-label={t('folderCounts')}>
        <li title={counts.files === null ? t('countFilesNotRead') : t('countFilesHelp')}>
          <span className="counts__value" data-testid={`folder-files-${folder.id}`}>
            {counts.files === null ? '—' : number(counts.files)}
          </span>
          <span className="counts__label">{t('countFiles')}</span>
        </li>
        {(counts.dropped ?? 0) > 0 && (
          <li title={t('countDroppedHelp')}>
            <span className="counts__value" data-testid={`folder-dropped-${folder.id}`}>
              {number(counts.dropped ?? 0)}
            </span>
            <span className="counts__label">{t('countDropped')}</span>
          </li>
        )}
        <li>
          <span className="counts__value">{number(counts.queued)}</span>
          <span className="counts__label">{t('countQueued')}</span>
        </li>
        <li>
          <span className="counts__value">{number(counts.active)}</span>
          <span className="counts__label">{t('countActive')}</span>
        </li>
        <li className={counts.failed > 0 ? 'counts__item--error' : undefined}>
          <span className="counts__value">{number(counts.failed)}</span>
          <span className="counts__label">{t('countFailed')}</span>
        </li>
      </ul>
      <FolderProblems folder={folder} />
    </>
  );
}
