import {
  processSecrets,
  redactField,
  redactText,
  type SecretRegistry,
} from '../../../app/logging/redact.js';
import type { LogFields, Logger } from '../../../app/ports/logger.js';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof LEVELS;

export interface JsonLinesLoggerOptions {
  readonly write: (line: string) => void;
  readonly level?: LogLevel;
  /** Exact secrets currently held, scrubbed from every line; default: the process's. */
  readonly secrets?: SecretRegistry;
  readonly now?: () => Date;
}

/** One JSON object per line (easy to grep and to ship), every value redacted. */
export class JsonLinesLogger implements Logger {
  private readonly threshold: number;

  constructor(private readonly options: JsonLinesLoggerOptions) {
    this.threshold = LEVELS[options.level ?? 'info'];
  }

  debug(message: string, fields?: LogFields): void {
    this.log('debug', message, fields);
  }
  info(message: string, fields?: LogFields): void {
    this.log('info', message, fields);
  }
  warn(message: string, fields?: LogFields): void {
    this.log('warn', message, fields);
  }
  error(message: string, fields?: LogFields): void {
    this.log('error', message, fields);
  }

  private log(level: LogLevel, message: string, fields: LogFields = {}): void {
    if (LEVELS[level] < this.threshold) return;
    const record: Record<string, unknown> = {
      time: (this.options.now?.() ?? new Date()).toISOString(),
      level,
      msg: redactText(message),
    };
    for (const [name, value] of Object.entries(fields)) {
      if (value !== undefined) record[name] = redactField(name, value);
    }
    const line = JSON.stringify(record);
    this.options.write(`${(this.options.secrets ?? processSecrets).scrub(line)}\n`);
  }
}
