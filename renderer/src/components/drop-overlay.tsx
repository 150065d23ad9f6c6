import { useI18n } from '../i18n/i18n-context.js';

/**
 * The frame and hint while files hover over the window. It lets the pointer through, so each
 * folder card underneath stays a drop target of its own.
 */
export function DropOverlay({ folderCount }: { readonly folderCount: number }) {
  const { t } = useI18n();
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
      <p className="drop-overlay__hint">
        {folderCount > 1 ? t('dropOverlayMany') : t('dropOverlayOne')}
      </p>
    </div>
  );
}
