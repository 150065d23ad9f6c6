import type { Translator } from '../i18n/translate.js';

export interface DurationParts {
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

/** Whole units of a non-negative duration (partial seconds are dropped, like a clock). */
export function durationParts(ms: number): DurationParts {
  const total = Math.max(0, Math.floor(ms / 1000));
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor(total / 3_600) % 24,
    minutes: Math.floor(total / 60) % 60,
    seconds: total % 60,
  };
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** The two largest units: "2d 03h", "1h 05m", "4m 09s", "12s" (zh: "4 分 09 秒"). */
export function formatDuration(ms: number, { t }: Pick<Translator, 't'>): string {
  const { days, hours, minutes, seconds } = durationParts(ms);
  if (days > 0) return t('durationDays', { d: days, h: pad(hours) });
  if (hours > 0) return t('durationHours', { h: hours, m: pad(minutes) });
  if (minutes > 0) return t('durationMinutes', { m: minutes, s: pad(seconds) });
  return t('durationSeconds', { s: seconds });
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
