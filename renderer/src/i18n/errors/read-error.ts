import type { ErrorView } from '../../../../app/errors/sync-error.js';
import type { Language } from '../choose-language.js';
import type { ErrorText, ErrorTexts } from './error-text.js';
import { errorTextsEn } from './error-texts-en.js';
import { errorTextsZhCN } from './error-texts-zh-cn.js';
import { errorTextsZhTW } from './error-texts-zh-tw.js';

export const ERROR_TEXTS: Readonly<Record<Language, ErrorTexts>> = {
  en: errorTextsEn,
  'zh-CN': errorTextsZhCN,
  'zh-TW': errorTextsZhTW,
};

/** An engine error as the UI shows it in one language. */
export interface ReadableError {
  readonly message: string;
  readonly hint: string | null;
  /** The engine's English message (and hint) when the text above is a translation: it names
   *  the exact field, path or character, and is what a log or a support request quotes. */
  readonly original: string | null;
}

/**
 * Translates by code with the error's params (issue 13: not by matching English strings). The
 * English UI keeps the engine's text, which is more specific than a per-code sentence. Falls
 * back to the English text when the code has no translation (an error from an older or newer
 * engine) or when a placeholder has no param (a variant of the error that does not carry it):
 * a whole English sentence beats a half-filled translated one.
 */
export function readError(
  error: Pick<ErrorView, 'code' | 'message' | 'hint' | 'params'>,
  language: Language,
): ReadableError {
  const english: ReadableError = {
    message: error.message,
    hint: error.hint ?? null,
    original: null,
  };
  if (language === 'en') return english;
  const text: ErrorText | undefined = (ERROR_TEXTS[language] as Record<string, ErrorText>)[
    error.code
  ];
  if (text === undefined) return english;
  const message = fill(text.message, error.params);
  const hint = fill(text.hint, error.params);
  if (message === null || hint === null) return english;
  const original = error.hint ? `${error.message} ${error.hint}` : error.message;
  return { message, hint, original };
}

/** `{name}` placeholders from params; null when one has no value. */
export function fill(
  template: string,
  params: Readonly<Record<string, string | number>> | undefined,
): string | null {
  let missing = false;
  const filled = template.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = params?.[name];
    if (value === undefined) missing = true;
    return String(value);
  });
  return missing ? null : filled;
}

/** The placeholders a template uses (for the tests: every language uses the same ones). */
export function placeholders(template: string): readonly string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}
