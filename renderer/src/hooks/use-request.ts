import { useCallback, useState } from 'react';

import { useToast } from './toast-context.js';

/** The error a bridge request failed with, as a toast shows it. */
export function describeError(error: unknown): { body: string; hint?: string } {
  if (error instanceof Error) {
    const hint = (error as { hint?: unknown }).hint;
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
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (failureTitle: string, task: () => Promise<unknown>) => {
      setBusy(true);
      try {
        await task();
        return true;
      } catch (error) {
        toast({ level: 'error', title: failureTitle, ...describeError(error) });
        return false;
      } finally {
        setBusy(false);
      }
    },
    [toast],
  );
  return { busy, run };
}
