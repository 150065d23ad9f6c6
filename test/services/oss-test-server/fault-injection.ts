/**
 * Scripted misbehaviour for fault tests: fail, delay or cut the next N requests of one action
 * (an OSS operation name such as "UploadPart", "AssumeRole" for the STS endpoint, or "*").
 * Rules are consumed in the order they were added; a request takes at most one rule of each
 * kind (one delay, then one failure or drop), so a delay and a failure can be combined.
 *
 * Faults apply after the request is routed and before it is authenticated: an injected
 * SecurityTokenExpired therefore looks exactly like a real one to the client.
 */

export interface FailureSpec {
  /** How many matching requests fail (default 1). */
  readonly times?: number;
  /** HTTP status (default 503). */
  readonly status?: number;
  /** OSS error code in the XML (default "ServiceUnavailable"); a JSON Code for AssumeRole. */
  readonly code?: string;
  readonly message?: string;
  /** Only requests for keys starting with this prefix match. */
  readonly keyPrefix?: string;
}

export interface DelaySpec {
  readonly times?: number;
  readonly ms: number;
  readonly keyPrefix?: string;
}

export interface DropSpec {
  readonly times?: number;
  readonly keyPrefix?: string;
}

type Rule =
  | { kind: 'fail'; action: string; remaining: number; keyPrefix?: string; spec: FailureSpec }
  | { kind: 'delay'; action: string; remaining: number; keyPrefix?: string; ms: number }
  | { kind: 'drop'; action: string; remaining: number; keyPrefix?: string };

/** What to do with one request. */
export interface FaultPlan {
  readonly delayMs: number;
  readonly failure?: { status: number; code: string; message: string };
  /** Destroy the connection without answering (a network failure for the client). */
  readonly drop: boolean;
}

export class FaultInjector {
  private rules: Rule[] = [];
  private injectedCount = 0;

  /** Answers the next matching request(s) with an error instead of serving them. */
  failNext(action: string, spec: FailureSpec = {}): void {
    this.rules.push({
      kind: 'fail',
      action,
      remaining: spec.times ?? 1,
      keyPrefix: spec.keyPrefix,
      spec,
    });
  }

  /** Holds the next matching request(s) for `ms` before serving (or failing) them. */
  delayNext(action: string, spec: DelaySpec): void {
    this.rules.push({
      kind: 'delay',
      action,
      remaining: spec.times ?? 1,
      keyPrefix: spec.keyPrefix,
      ms: spec.ms,
    });
  }

  /** Closes the connection of the next matching request(s) without any answer. */
  dropNext(action: string, spec: DropSpec = {}): void {
    this.rules.push({
      kind: 'drop',
      action,
      remaining: spec.times ?? 1,
      keyPrefix: spec.keyPrefix,
    });
  }

  /** Forgets every rule not used up yet. */
  clear(): void {
    this.rules = [];
  }

  /** Rules still waiting for a request. */
  get pending(): number {
    return this.rules.reduce((sum, rule) => sum + rule.remaining, 0);
  }

  /** How many requests a rule has acted on so far. */
  get injected(): number {
    return this.injectedCount;
  }

  /** Consumes the rules that match this request and says what to do with it. */
  take(action: string, key: string | undefined): FaultPlan {
    const matches = (rule: Rule) =>
      rule.remaining > 0 &&
      (rule.action === '*' || rule.action === action) &&
      (rule.keyPrefix === undefined || (key ?? '').startsWith(rule.keyPrefix));
    const consume = <T extends Rule>(rule: T | undefined): T | undefined => {
      if (rule) {
        rule.remaining -= 1;
        this.injectedCount += 1;
      }
      return rule;
    };
    const delay = consume(
      this.rules.find(
        (r): r is Extract<Rule, { kind: 'delay' }> => r.kind === 'delay' && matches(r),
      ),
    );
    const final = consume(this.rules.find((r) => r.kind !== 'delay' && matches(r)));
    this.rules = this.rules.filter((rule) => rule.remaining > 0);
    const failure =
      final?.kind === 'fail'
        ? {
            status: final.spec.status ?? 503,
            code: final.spec.code ?? 'ServiceUnavailable',
            message: final.spec.message ?? `Injected by the OSS test server for ${action}.`,
          }
        : undefined;
    return { delayMs: delay?.ms ?? 0, failure, drop: final?.kind === 'drop' };
  }
}
