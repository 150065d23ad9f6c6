import type { SessionChoice } from '../bridge/session.js';
import { SessionContext } from '../bridge/session-context.js';
import { ToastContext } from '../hooks/toast-context.js';
import { usePreferences } from '../hooks/use-preferences.js';
import { useToastState } from '../hooks/use-toast-state.js';
import { I18nContext } from '../i18n/i18n-context.js';
import { AppShell } from './app-shell.js';
import { MissingTokenPage } from './missing-token-page.js';
import { ToastStack } from './toast-stack.js';

/** Provides language, toasts and the bridge session to everything below. */
export function Root({ choice }: { readonly choice: SessionChoice }) {
  const preferences = usePreferences();
  const toasts = useToastState();
  return (
    <I18nContext.Provider value={preferences.i18n}>
      <ToastContext.Provider value={toasts.push}>
        {choice.kind === 'missing-token' ? (
          <MissingTokenPage />
        ) : (
          <SessionContext.Provider value={choice.session}>
            <AppShell preferences={preferences} />
          </SessionContext.Provider>
        )}
        <ToastStack toasts={toasts.toasts} onDismiss={toasts.dismiss} />
      </ToastContext.Provider>
    </I18nContext.Provider>
  );
}
