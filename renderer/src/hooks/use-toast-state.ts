import { useCallback, useEffect, useRef, useState } from 'react';

import type { Toast, ToastInput } from './toast-context.js';

/** Errors stay longer: they usually need reading (and the hint acting on). */
const LIFETIME_MS = { info: 6_000, error: 15_000 } as const;
const MAX_VISIBLE = 5;

export interface ToastState {
  readonly toasts: readonly Toast[];
  push: (toast: ToastInput) => void;
  dismiss: (id: number) => void;
}

export function useToastState(): ToastState {
  const [toasts, setToasts] = useState<readonly Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, number>());

  const dismiss = useCallback((id: number) => {
    const timer = timers.current.get(id);
    if (timer !== undefined) window.clearTimeout(timer);
    timers.current.delete(id);
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);

  const push = useCallback(
    (input: ToastInput) => {
      const id = nextId.current++;
      setToasts((current) => [...current, { ...input, id }].slice(-MAX_VISIBLE));
      timers.current.set(
        id,
        window.setTimeout(() => dismiss(id), LIFETIME_MS[input.level]),
      );
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) window.clearTimeout(timer);
      pending.clear();
    };
  }, []);

  return { toasts, push, dismiss };
}
