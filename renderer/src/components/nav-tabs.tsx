import { useRef, type KeyboardEvent } from 'react';

import { useI18n } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/messages.js';

export const VIEWS = ['folders', 'transfers', 'credentials', 'settings'] as const;
export type ViewId = (typeof VIEWS)[number];

const LABELS: Record<ViewId, MessageKey> = {
  folders: 'navFolders',
  transfers: 'navTransfers',
  credentials: 'navCredentials',
  settings: 'navSettings',
};

interface NavTabsProps {
  readonly current: ViewId;
  readonly onSelect: (view: ViewId) => void;
  /** Small counts next to a tab (failed transfers, credential problems). */
  readonly badges: Partial<Record<ViewId, number>>;
}

/** The view switcher: a WAI-ARIA tab list (arrow keys, Home and End move between tabs). */
export function NavTabs({ current, onSelect, badges }: NavTabsProps) {
  const { t, number } = useI18n();
  const buttons = useRef(new Map<ViewId, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = VIEWS.indexOf(current);
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowDown: index + 1,
      ArrowLeft: index - 1,
      ArrowUp: index - 1,
      Home: 0,
      End: VIEWS.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const view = VIEWS[(target + VIEWS.length) % VIEWS.length] as ViewId;
    onSelect(view);
    buttons.current.get(view)?.focus();
  };

  return (
    <div className="nav" role="tablist" aria-label={t('navLabel')} onKeyDown={onKeyDown}>
      {VIEWS.map((view) => {
        const selected = view === current;
        const badge = badges[view] ?? 0;
        return (
          <button
            key={view}
            ref={(element) => {
              if (element) buttons.current.set(view, element);
              else buttons.current.delete(view);
            }}
            type="button"
            role="tab"
            id={`tab-${view}`}
            aria-selected={selected}
            aria-controls={`panel-${view}`}
            tabIndex={selected ? 0 : -1}
            className="nav__tab"
            data-testid={`nav-${view}`}
            onClick={() => onSelect(view)}
          >
            {t(LABELS[view])}
            {badge > 0 && (
              <span className="nav__badge" aria-label={t('navBadgeLabel', { count: badge })}>
                {number(badge)}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
