import type { Toast } from '../hooks/toast-context.js';
import { useI18n } from '../i18n/i18n-context.js';

interface ToastStackProps {
  readonly toasts: readonly Toast[];
  readonly onDismiss: (id: number) => void;
}

/** Notices, drop results and failed actions, bottom right; errors are announced at once. */
export function ToastStack({ toasts, onDismiss }: ToastStackProps) {
  const { t } = useI18n();
  return (
    <section className="toasts" aria-label={t('toastRegion')}>
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast--${toast.level}`}
          role={toast.level === 'error' ? 'alert' : 'status'}
          data-testid="toast"
          data-level={toast.level}
        >
          <span className="toast__icon" aria-hidden="true">
            {toast.level === 'error' ? '⚠' : 'ℹ'}
          </span>
          <div className="toast__content">
            <p className="toast__title">{toast.title}</p>
            {toast.body && <p className="toast__body">{toast.body}</p>}
            {toast.hint && <p className="toast__hint">{toast.hint}</p>}
          </div>
          <button
            type="button"
            className="icon-button"
            aria-label={t('dismiss')}
            onClick={() => onDismiss(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
