import type { ToastInput } from '../hooks/toast-context.js';
import type { Translator } from '../i18n/translate.js';
import type { DropOutcome } from './drop-outcome.js';

/** Items named in a toast before "and N more". */
const LISTED = 3;

/** The toast after a drop: how many files were queued, what was skipped, what failed and why. */
export function dropToast(outcome: DropOutcome, folderId: string, i18n: Translator): ToastInput {
  const lines: string[] = [];
  if (outcome.skipped.length > 0) {
    lines.push(i18n.tp('dropSkipped', outcome.skipped.length));
    lines.push(...listed(outcome.skipped, i18n));
  }
  if (outcome.failures.length === 0) {
    return {
      level: 'info',
      title: i18n.tp('dropQueued', outcome.queued, { folder: folderId }),
      ...(lines.length > 0 ? { body: lines.join('\n') } : {}),
    };
  }
  const failures = outcome.failures.map(({ path, message }) =>
    path === '' ? message : `${path}: ${message}`,
  );
  const hint = outcome.failures.find((failure) => failure.hint)?.hint;
  return {
    level: 'error',
    title: i18n.tp('dropFailed', outcome.failures.length, { folder: folderId }),
    body: [
      ...(outcome.queued > 0 ? [i18n.tp('dropQueued', outcome.queued, { folder: folderId })] : []),
      ...listed(failures, i18n),
      ...lines,
    ].join('\n'),
    ...(hint ? { hint } : {}),
  };
}

function listed(items: readonly string[], i18n: Translator): string[] {
  const shown = items.slice(0, LISTED);
  const rest = items.length - shown.length;
  return rest > 0 ? [...shown, i18n.tp('andMore', rest)] : shown;
}
