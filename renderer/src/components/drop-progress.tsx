import type { DropProgress as Progress } from '../drops/drop-outcome.js';
import { useI18n } from '../i18n/i18n-context.js';
import { ProgressBar } from './progress-bar.js';

/** While dropped files are handed to the engine (a browser streams them first). */
export function DropProgress({ progress }: { readonly progress: Progress }) {
  const { t, number } = useI18n();
  const percent = progress.total === 0 ? 0 : Math.floor((progress.sent / progress.total) * 100);
  const label = t('dropSending', { sent: number(progress.sent), total: number(progress.total) });
  return (
    <div className="drop-progress" role="status">
      <span>{label}</span>
      <ProgressBar percent={percent} label={label} />
    </div>
  );
}
