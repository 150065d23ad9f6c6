import type { ToastInput } from '../hooks/toast-context.js';
import type { I18n } from '../i18n/i18n.js';
import type { Translator } from '../i18n/translate.js';
import type { DropFailure, DropOutcome } from './drop-outcome.js';

/** Items named in a toast before "and N more". */
const LISTED = 3;

/**
 * The toast after a drop is handed over, or null when there is nothing to add: every item was
 * queued, and the engine's one notice per drop batch ("Uploaded 2 dropped files") reports the
 * end (issue 13: a two-file drop gave three toasts). What was skipped or refused is told at
 * once; a drop with nothing accepted is an error, never a blue "Queued 0 files".
 */
export function dropToast(
  outcome: DropOutcome,
  folderId: string,
  i18n: Translator & { readonly error?: I18n['error'] },
): ToastInput | null {
  const lines: string[] = [];
  if (outcome.skipped.length > 0) {
    lines.push(i18n.tp('dropSkipped', outcome.skipped.length));
    lines.push(...listed(outcome.skipped, i18n));
  }
  if (outcome.queued === 0 && outcome.failures.length === 0) {
    return {
      level: 'error',
      title: i18n.t('dropNothingAccepted', { folder: folderId }),
      ...(lines.length > 0 ? { body: lines.join('\n') } : {}),
    };
  }
  if (outcome.failures.length === 0 && lines.length === 0) return null;
  if (outcome.failures.length === 0) {
    return {
      level: 'info',
      title: i18n.tp('dropQueued', outcome.queued, { folder: folderId }),
      ...(lines.length > 0 ? { body: lines.join('\n') } : {}),
    };
  }
  const read = outcome.failures.map((failure) => readFailure(failure, i18n));
  const failures = read.map(({ path, message }) => (path === '' ? message : `${path}: ${message}`));
  const hint = read.find((failure) => failure.hint)?.hint;
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

/** A refusal in the UI's language when it came with its code (issue 13), else as sent. */
function readFailure(
  failure: DropFailure,
  i18n: { readonly error?: I18n['error'] },
): { path: string; message: string; hint?: string } {
  if (!i18n.error || failure.code === undefined) return failure;
  const read = i18n.error({
    code: failure.code,
    message: failure.message,
    ...(failure.hint ? { hint: failure.hint } : {}),
    ...(failure.params ? { params: failure.params } : {}),
  });
  return { path: failure.path, message: read.message, ...(read.hint ? { hint: read.hint } : {}) };
}
