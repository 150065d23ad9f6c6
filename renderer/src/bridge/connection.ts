/**
 * The link between the UI and the engine. The desktop preload is always connected; the
 * `ferry serve` WebSocket can drop and come back, and the UI shows that and re-fetches.
 */
export interface ConnectionStatus {
  readonly state: 'connecting' | 'open' | 'reconnecting';
  /** Counts successful connections: a change means "fetch everything again". */
  readonly generation: number;
  /** When the next reconnection attempt starts (ms epoch), while reconnecting. */
  readonly nextAttemptAt: number | null;
}

export interface ConnectionSource {
  connection(): ConnectionStatus;
  onConnection(listener: (status: ConnectionStatus) => void): () => void;
}

export const ALWAYS_OPEN: ConnectionStatus = { state: 'open', generation: 1, nextAttemptAt: null };
