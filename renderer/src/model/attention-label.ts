import type { UiSnapshot } from '../../../app/ipc/views.js';
import type { Translator } from '../i18n/translate.js';

type AttentionFacts = Pick<UiSnapshot, 'trayState' | 'configError' | 'folders' | 'totals'>;

/**
 * The top bar's words for the `error` state, saying what needs attention. trayStateOf
 * (app/presentation/tray/tray-state.ts) ranks a broken config, a folder in error and failed
 * transfers as `error`; a bare "Needs attention" beside credential cards that all say "Valid"
 * read as a contradiction (screenshot review, issue 13). Undefined: the state's own label.
 */
export function attentionLabel(
  snapshot: AttentionFacts,
  { t, tp }: Pick<Translator, 't' | 'tp'>,
): string | undefined {
  if (snapshot.trayState !== 'error') return undefined;
  if (snapshot.configError) return t('attentionConfig');
  const folders = snapshot.folders.filter(
    (f) => f.state === 'error' || f.lastError !== null || f.counts.failed > 0,
  ).length;
  if (folders > 0) return tp('attentionFolders', folders);
  if (snapshot.totals.failed > 0) return tp('attentionFailed', snapshot.totals.failed);
  return undefined;
}
