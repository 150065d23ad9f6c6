import type { ErrorCode } from '../../../../app/errors/sync-error.js';

/**
 * The text of one error code in one language. `{name}` placeholders are filled from the error's
 * params (set where the engine creates the SyncError): a placeholder the error has no param for
 * makes the UI show the engine's English text instead of a half-filled sentence.
 */
export interface ErrorText {
  readonly message: string;
  readonly hint: string;
}

/** Every code must have a text: the compiler checks the tables, a unit test checks them again. */
export type ErrorTexts = { readonly [C in ErrorCode]: ErrorText };
