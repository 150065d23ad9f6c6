import { useI18n } from '../i18n/i18n-context.js';
import type { StateDisplay } from '../model/state-display.js';

interface StateBadgeProps {
  readonly display: StateDisplay;
  /** The raw state, for tests and styling hooks. */
  readonly state: string;
  readonly testId?: string;
  /** Replaces the state's own word (e.g. "Retrying in 12 s"). */
  readonly text?: string;
}

export function StateBadge({ display, state, testId, text }: StateBadgeProps) {
  const { t } = useI18n();
  const label = text ?? t(display.label);
  return (
    <span
      className={`badge badge--${display.tone}`}
      data-state={state}
      data-testid={testId}
      title={label}
    >
      <span className="badge__icon" aria-hidden="true">
        {display.icon}
      </span>
      <span className="badge__text">{label}</span>
    </span>
  );
}
