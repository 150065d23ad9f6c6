import { createContext, useContext } from 'react';

export interface ToastInput {
  readonly level: 'info' | 'error';
  readonly title: string;
  readonly body?: string;
  readonly hint?: string;
}

export interface Toast extends ToastInput {
  readonly id: number;
}

export type PushToast = (toast: ToastInput) => void;

export const ToastContext = createContext<PushToast>(() => {});

/** Shows a toast from anywhere below <ToastContext.Provider>. */
export function useToast(): PushToast {
  return useContext(ToastContext);
}
