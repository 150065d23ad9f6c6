import type { BridgeErrorShape } from '../../../app/ipc/contract.js';

/**
 * Thrown in the UI when a request fails; keeps the engine's code and hint for display.
 * The same class as app/ipc/dispatcher.ts's `BridgeRequestError`, kept here because importing
 * that module at run time would bundle zod and the whole config schema into the page
 * (~250 kB); the renderer imports only types from app/.
 */
export class BridgeRequestError extends Error {
  readonly code: string;
  readonly hint: string | undefined;

  constructor(shape: BridgeErrorShape) {
    super(shape.message);
    this.name = 'BridgeRequestError';
    this.code = shape.code;
    this.hint = shape.hint;
  }
}
