/**
 * Ctrl+C (SIGINT) and SIGTERM while a command runs: the first one resolves `signalled` (the
 * command prints its summary once and exits); a second one exits at once with 130 (128 + SIGINT's
 * number 2, the shell's convention), for when closing takes longer than the user will wait.
 * Replacing Node's default handler is what lets anything be printed at all: by default SIGINT
 * ends the process without running any code (nodejs.org/api/process.html#signal-events).
 */
export function interruptSignal(): { readonly signalled: Promise<string>; dispose(): void } {
  let resolve: (signal: string) => void = () => {};
  const signalled = new Promise<string>((r) => (resolve = r));
  let count = 0;
  const handler = (signal: NodeJS.Signals) => {
    count += 1;
    if (count === 1) resolve(signal);
    else process.exit(130);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signalled,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

/** Waits for `work` at most `ms`: an interrupted run closes what it can, then exits anyway. */
export async function atMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(() => {}),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      timer.unref();
    }),
  ]);
  clearTimeout(timer);
}
