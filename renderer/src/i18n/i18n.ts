import { formatDuration, formatExpiry } from '../format/format-duration.js';
import { formatBytes, formatSpeed } from '../format/format-size.js';
import { formatClock, formatRelative } from '../format/format-time.js';
import type { Language } from './choose-language.js';
import { en } from './en.js';
import { readError, type ReadableError } from './errors/read-error.js';
import type { Messages } from './messages.js';
import { createTranslator, type Translator } from './translate.js';
import { zhCN } from './zh-cn.js';
import { zhTW } from './zh-tw.js';

export const DICTIONARIES: Readonly<Record<Language, Messages>> = {
  en,
  'zh-CN': zhCN,
  'zh-TW': zhTW,
};

/** Translation and locale-aware formatting for one language, as the components use them. */
export interface I18n extends Translator {
  readonly language: Language;
  number: (value: number) => string;
  bytes: (bytes: number) => string;
  speed: (bytesPerSecond: number) => string;
  relative: (at: number, now: number) => string;
  clock: (at: number, now: number) => string;
  duration: (ms: number) => string;
  expiry: (expiresAt: number | null, now: number) => string;
  /** An engine error in this language, by its code and params (errors/read-error.ts). */
  error: (error: Parameters<typeof readError>[0]) => ReadableError;
}

export function createI18n(language: Language): I18n {
  const translator = createTranslator(DICTIONARIES[language], language);
  const numbers = new Intl.NumberFormat(language);
  return {
    ...translator,
    language,
    number: (value) => numbers.format(value),
    bytes: (bytes) => formatBytes(bytes, language),
    speed: (bytesPerSecond) => formatSpeed(bytesPerSecond, language),
    relative: (at, now) => formatRelative(at, now, language),
    clock: (at, now) => formatClock(at, now, language),
    duration: (ms) => formatDuration(ms, translator),
    expiry: (expiresAt, now) => formatExpiry(expiresAt, now, translator),
    error: (error) => readError(error, language),
  };
}
