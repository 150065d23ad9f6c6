/**
 * The one duration formatter (issue 14: the CLI, the tray and the window each had their own, with
 * three outputs). Each caller keeps its output through a style: which units, how to round, how
 * the numbers read in its language. The words are the caller's; the arithmetic is here.
 */

export type DurationUnit = 'd' | 'h' | 'm' | 's';

/** One unit as shown: its number already written ("09", "4.5"). */
export interface DurationAmount {
  readonly unit: DurationUnit;
  readonly value: string;
}

export interface DurationStyle {
  /** The largest unit; 'h' counts hours past a day ("49h 0m", the CLI). Default 'd'. */
  readonly largest?: 'd' | 'h';
  /** 'floor' (default): a countdown never promises more time than is left; 'round': an elapsed
   *  time or an estimate to the nearest second (the CLI). */
  readonly rounding?: 'floor' | 'round';
  /** Under 10 s, one decimal ("4.5s"), so a short run's time and its average speed agree. */
  readonly tenthsUnder10s?: boolean;
  /** Minutes stand alone under an hour, without their seconds ("4 min", the tray). */
  readonly minutesAlone?: boolean;
  /** A second unit that is 0 is left out ("2 h", the tray). */
  readonly dropZero?: boolean;
  /** The second unit has two digits ("4m 09s", the window). */
  readonly padSecond?: boolean;
  /** How the one or two units read; default "1h 5m". */
  readonly words?: (first: DurationAmount, second: DurationAmount | null) => string;
}

export interface DurationParts {
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

/** Whole units of a non-negative duration (partial seconds are dropped, like a clock). */
export function durationParts(ms: number, rounding: 'floor' | 'round' = 'floor'): DurationParts {
  const total = Math.max(0, Math[rounding](Math.max(0, ms) / 1000));
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor(total / 3_600) % 24,
    minutes: Math.floor(total / 60) % 60,
    seconds: total % 60,
  };
}

const plainWords = (first: DurationAmount, second: DurationAmount | null): string =>
  second
    ? `${first.value}${first.unit} ${second.value}${second.unit}`
    : `${first.value}${first.unit}`;

/** The largest unit that is not zero and the one after it: "2d 3h", "1h 5m", "4m 9s", "12s". */
export function formatDuration(ms: number, style: DurationStyle = {}): string {
  const words = style.words ?? plainWords;
  const clamped = Math.max(0, ms);
  if (style.tenthsUnder10s && clamped < 9_950) {
    return words({ unit: 's', value: (clamped / 1000).toFixed(1) }, null);
  }
  const parts = durationParts(clamped, style.rounding);
  const hours = style.largest === 'h' ? parts.days * 24 + parts.hours : parts.hours;
  const days = style.largest === 'h' ? 0 : parts.days;
  const pair = (first: [DurationUnit, number], second: [DurationUnit, number] | null): string => {
    const shown = second && !(style.dropZero && second[1] === 0) ? second : null;
    const value = (n: number) => (style.padSecond ? String(n).padStart(2, '0') : String(n));
    return words(
      { unit: first[0], value: String(first[1]) },
      shown ? { unit: shown[0], value: value(shown[1]) } : null,
    );
  };
  if (days > 0) return pair(['d', days], ['h', hours]);
  if (hours > 0) return pair(['h', hours], ['m', parts.minutes]);
  if (parts.minutes > 0) {
    return pair(['m', parts.minutes], style.minutesAlone ? null : ['s', parts.seconds]);
  }
  return pair(['s', parts.seconds], null);
}
