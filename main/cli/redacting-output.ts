import { redactOutgoing } from '../../app/logging/redact.js';

/**
 * Makes everything the CLI writes to stdout and stderr pass the redactor: its own messages,
 * the progress reporter, and whatever an SDK prints (a secret read from the keychain or the
 * environment is known to the redactor from then on). Returns a writer that bypasses it, for
 * the one line meant to carry a secret: `ferry serve`'s URL with its access token.
 */
export function redactProcessOutput(): { readonly stdoutVerbatim: (text: string) => void } {
  const verbatim = process.stdout.write.bind(process.stdout);
  redactWrites(process.stdout);
  redactWrites(process.stderr);
  return { stdoutVerbatim: (text) => void verbatim(text) };
}

/** Replaces the stream's `write` with one that redacts text (strings and UTF-8 bytes). */
export function redactWrites(stream: Pick<NodeJS.WriteStream, 'write'>): void {
  const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text =
      typeof chunk === 'string'
        ? chunk
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8')
          : null;
    if (text === null) return original(chunk, ...rest);
    const safe = redactOutgoing(text);
    // Unchanged bytes go out as they came (binary-safe); only redacted text is re-encoded.
    return original(safe === text ? chunk : safe, ...rest);
  };
  stream.write = write;
}
