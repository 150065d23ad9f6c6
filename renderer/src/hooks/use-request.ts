import { useCallback, useState } from 'react';

import type { ErrorParams } from '../../../app/errors/sync-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { I18n } from '../i18n/i18n.js';
import { useToast } from './toast-context.js';

/** The error a bridge request failed with, as a toast shows it: in the UI's language when it
 *  came with an engine code (BridgeRequestError: code, params; issue 13) and `read` is given. */
export function describeError(
  error: unknown,
  read?: I18n['error'],
): { body: string; hint?: string } {
  if (error instanceof Error) {
    const hint = (error as { hint?: unknown }).hint;
    const { code, params } = error as { code?: unknown; params?: ErrorParams };
    if (read && typeof code === 'string') {
      const worded = read({
        code,
        message: error.message,
        ...(typeof hint === 'string' && hint !== '' ? { hint } : {}),
        ...(params ? { params } : {}),
      });
      return worded.hint ? { body: worded.message, hint: worded.hint } : { body: worded.message };
    }
    return typeof hint === 'string' && hint !== ''
      ? { body: error.message, hint }
      : { body: error.message };
  }
  return { body: String(error) };
}

export interface Request {
  readonly busy: boolean;
  /** Runs `task`; a failure becomes an error toast titled `failureTitle`. Resolves to success. */
  run: (failureTitle: string, task: () => Promise<unknown>) => Promise<boolean>;
}

/** One button's request: busy while it runs (the button disables), errors as toasts. */
export function useRequest(): Request {
  const toast = useToast();
  const i18n = useI18n();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (failureTitle: string, task: () => Promise<unknown>) => {
      setBusy(true);
      try {
        await task();
        return true;
      } catch (error) {
        toast({ level: 'error', title: failureTitle, ...describeError(error, i18n.error) });
        return false;
      } finally {
        setBusy(false);
      }
    },
    [toast, i18n],
  );
  return { busy, run };
}
