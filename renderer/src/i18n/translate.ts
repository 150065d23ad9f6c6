import type { MessageKey, Messages, PluralKey } from './messages.js';

export type MessageValues = Readonly<Record<string, string | number>>;

/** Fills `{name}` placeholders; a placeholder without a value stays visible (a bug, not a blank). */
export function interpolate(template: string, values: MessageValues = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

export interface Translator {
  t: (key: MessageKey, values?: MessageValues) => string;
  /** Picks `<key>_one` or `<key>_other` by the language's plural rules; `{count}` is filled. */
  tp: (key: PluralKey, count: number, values?: MessageValues) => string;
}

export function createTranslator(messages: Messages, locale: string): Translator {
  const rules = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  return {
    t: (key, values) => interpolate(messages[key], values),
    tp: (key, count, values) => {
      const form = rules.select(count) === 'one' ? 'one' : 'other';
      return interpolate(messages[`${key}_${form}`], { ...values, count: numbers.format(count) });
    },
  };
}
