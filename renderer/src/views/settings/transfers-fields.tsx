import type { FieldError } from '../../model/config-errors.js';
import { errorAt } from '../../model/config-errors.js';
import type { TransfersDraft } from '../../model/config-draft.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { TextField } from './fields.js';

interface TransfersFieldsProps {
  readonly draft: TransfersDraft;
  readonly errors: readonly FieldError[];
  readonly onChange: (draft: TransfersDraft) => void;
}

/** Upload tuning; empty fields use the engine's defaults. */
export function TransfersFields({ draft, errors, onChange }: TransfersFieldsProps) {
  const { t } = useI18n();
  const at = (key: string) => errorAt(errors, `transfers.${key}`);
  const set = (patch: Partial<TransfersDraft>) => onChange({ ...draft, ...patch });
  return (
    <div className="field-grid">
      <TextField
        label={t('fieldConcurrency')}
        value={draft.concurrency}
        onChange={(concurrency) => set({ concurrency })}
        error={at('concurrency')}
        placeholder="8"
        inputMode="numeric"
        testId="transfers-concurrency"
      />
      <TextField
        label={t('fieldPartConcurrency')}
        value={draft.partConcurrency}
        onChange={(partConcurrency) => set({ partConcurrency })}
        error={at('partConcurrency')}
        placeholder="4"
        inputMode="numeric"
        testId="transfers-part-concurrency"
      />
      <TextField
        label={t('fieldPartSize')}
        value={draft.partSize}
        onChange={(partSize) => set({ partSize })}
        error={at('partSize')}
        help={t('fieldSizeHelp')}
        placeholder="8MiB"
        mono
        testId="transfers-part-size"
      />
      <TextField
        label={t('fieldBandwidthLimit')}
        value={draft.bandwidthLimit}
        onChange={(bandwidthLimit) => set({ bandwidthLimit })}
        error={at('bandwidthLimit')}
        help={t('fieldBandwidthLimitHelp')}
        placeholder="0"
        mono
        testId="transfers-bandwidth-limit"
      />
    </div>
  );
}
