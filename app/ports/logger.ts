/** Structured fields attached to a log line. Values are redacted by the logger adapter. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/**
 * Logging port. Callers must not pass secrets, and the adapter redacts anything that looks like
 * one anyway (see app/logging/redact.ts): two layers, because a leaked key cannot be recalled.
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
