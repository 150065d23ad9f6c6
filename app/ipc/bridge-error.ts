import type { BridgeErrorShape } from './contract.js';

/**
 * Thrown in the UI when a request fails: keeps the engine's code and hint for display. In a
 * module of its own (no zod) so the renderer can import it without bundling the schemas.
 */
export class BridgeRequestError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  /** For the UI's text of the code (issue 13); absent from older engines. */
  readonly params: BridgeErrorShape['params'];
  readonly issues: BridgeErrorShape['issues'];

  constructor(shape: BridgeErrorShape) {
    super(shape.message);
    this.name = 'BridgeRequestError';
    this.code = shape.code;
    this.hint = shape.hint;
    this.params = shape.params;
    this.issues = shape.issues;
  }
}
