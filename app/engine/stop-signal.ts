/**
 * One engine's "stop", shared by its parts: a flag they check between steps (a scan, a re-queue,
 * a retry) and a promise that ends their waits at once (with-retries.ts). Built before the parts,
 * so none of them needs to ask the engine.
 */
export class StopSignal {
  private resolveStopping: () => void = () => undefined;
  private flag = false;
  /** Resolves on stop(). */
  readonly stopping: Promise<void> = new Promise((resolve) => (this.resolveStopping = resolve));

  get stopped(): boolean {
    return this.flag;
  }

  stop(): void {
    this.flag = true;
    this.resolveStopping();
  }
}
