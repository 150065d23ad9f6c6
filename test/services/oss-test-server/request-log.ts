/** One request the server answered (or dropped), in order of completion. */
export interface RecordedRequest {
  readonly service: 'oss' | 'sts';
  /** OSS operation name, "AssumeRole", or "Unknown" for requests that could not be routed. */
  readonly action: string;
  readonly method: string;
  readonly key?: string;
  /** HTTP status, or 0 for a connection dropped by fault injection. */
  readonly status: number;
  /** The error code when the request failed. */
  readonly code?: string;
  readonly accessKeyId?: string;
  readonly requestId?: string;
  /**
   * How the request was signed: "v1"/"v4" (OSS header signatures), "rpc"/"v3" (STS), or
   * undefined when no signature was read.
   */
  readonly signature?: 'v1' | 'v4' | 'rpc' | 'v3';
}
