import {
  formatDuration as formatAnyDuration,
  type DurationAmount,
} from '../../../app/presentation/format/format-duration.js';
import type { Translator } from '../i18n/translate.js';
import type { MessageKey } from '../i18n/messages.js';

// The window's durations read through the language's templates; the arithmetic is shared with
// the CLI and the tray (app/presentation/format/format-duration.ts).
export {
  durationParts,
  type DurationParts,
} from '../../../app/presentation/format/format-duration.js';

/** The template for a duration whose largest unit is this one ("{m}m {s}s"). */
const TEMPLATE: Readonly<Record<DurationAmount['unit'], MessageKey>> = {
  d: 'durationDays',
  h: 'durationHours',
  m: 'durationMinutes',
  s: 'durationSeconds',
};

/** The two largest units: "2d 03h", "1h 05m", "4m 09s", "12s" (zh: "4 分 09 秒"). */
export function formatDuration(ms: number, { t }: Pick<Translator, 't'>): string {
  return formatAnyDuration(ms, {
    padSecond: true,
    words: (first, second) =>
      t(TEMPLATE[first.unit], {
        [first.unit]: first.value,
        ...(second ? { [second.unit]: second.value } : {}),
      }),
  });
}

/** A token's remaining life: "Expires in 4m 09s", "Expired 2m 00s ago", "No token yet". */
export function formatExpiry(
  expiresAt: number | null,
  now: number,
  translator: Pick<Translator, 't'>,
): string {
  if (expiresAt === null) return translator.t('expiryNone');
  const left = expiresAt - now;
  return left > 0
    ? translator.t('expiryIn', { duration: formatDuration(left, translator) })
    : translator.t('expiredAgo', { duration: formatDuration(-left, translator) });
}
