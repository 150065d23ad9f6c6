/**
 * Quitting, in order: the engine stops first (uploads checkpoint their parts, the journal
 * closes), then the app exits. Electron's `before-quit` cannot wait for a promise, so the first
 * quit is held back, the engine is stopped, and the app quits again. A stop that hangs must not
 * keep Ferry alive forever: after `stopTimeoutMs` it quits anyway (the journal is crash-safe).
 */

export interface QuitSequenceOptions {
  /** Stops the engine (`FerryUiHost.stop`). */
  readonly stop: () => Promise<void>;
  /** Quits the app for real (`app.quit()`; it emits `before-quit` again). */
  readonly quit: () => void;
  readonly onStopError: (error: unknown) => void;
  readonly stopTimeoutMs?: number;
}

export interface QuitSequence {
  /** For `app.on('before-quit')`. */
  onBeforeQuit(event: { preventDefault(): void }): void;
  /** True once a quit began: the window's close handler then lets it close. */
  isQuitting(): boolean;
}

export function createQuitSequence(options: QuitSequenceOptions): QuitSequence {
  let state: 'running' | 'stopping' | 'stopped' = 'running';
  const timeoutMs = options.stopTimeoutMs ?? 10_000;
  const stopWithin = async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`The engine did not stop within ${timeoutMs} ms.`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([options.stop(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    onBeforeQuit(event) {
      if (state === 'stopped') return;
      event.preventDefault();
      if (state === 'stopping') return;
      state = 'stopping';
      void stopWithin()
        .catch((error: unknown) => options.onStopError(error))
        .finally(() => {
          state = 'stopped';
          options.quit();
        });
    },
    isQuitting: () => state !== 'running',
  };
}
