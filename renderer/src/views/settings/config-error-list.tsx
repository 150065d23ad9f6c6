import type { ConfigErrors } from '../../model/config-errors.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** Everything `config:save` refused, with the field each problem is about. */
export function ConfigErrorList({ errors }: { readonly errors: ConfigErrors }) {
  const { t } = useI18n();
  return (
    <div className="callout callout--error" role="alert" data-testid="config-errors">
      <p className="callout__title">
        <span aria-hidden="true">⚠ </span>
        {t('configInvalid')}
      </p>
      {errors.summary && <p>{errors.summary}</p>}
      {errors.fields.length > 0 && (
        <ul className="error-list">
          {errors.fields.map((error, index) => (
            <li key={`${error.path}-${index}`}>
              {error.path && <code>{error.path}</code>} {error.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
