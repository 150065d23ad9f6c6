import { useSession } from '../../bridge/session-context.js';
import { useRequest } from '../../hooks/use-request.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { CheckboxField } from './fields.js';

/** Desktop only: the OS starts Ferry (in the tray) when the user logs in. */
export function StartAtLogin({ enabled }: { readonly enabled: boolean }) {
  const { t } = useI18n();
  const { bridge } = useSession();
  const toggle = useRequest();
  return (
    <CheckboxField
      label={t('settingsStartAtLogin')}
      help={t('settingsStartAtLoginHelp')}
      checked={enabled}
      disabled={toggle.busy}
      onChange={(checked) =>
        void toggle.run(t('startAtLoginFailed'), () =>
          bridge.invoke('settings:set-start-at-login', { enabled: checked }),
        )
      }
      testId="start-at-login"
    />
  );
}
