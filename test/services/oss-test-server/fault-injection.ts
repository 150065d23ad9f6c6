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
  /** Extra child elements of the OSS error XML (ignored for AssumeRole). */
  readonly fields?: Readonly<Record<string, string>>;
}

export interface ThrottleSpec {
  readonly times?: number;
  /**
   * AssumeRole only: "Throttling", "Throttling.User" (default) or "Throttling.Api". Alibaba's
   * API gateway answers each with HTTP 400 and its JSON error body (STS throttling thread on
   * Alibaba's developer forum; @alicloud/openapi-core retries them by code, not by status).
   */
  readonly code?: 'Throttling' | 'Throttling.User' | 'Throttling.Api';
  readonly keyPrefix?: string;
}

export interface SkewSpec {
  readonly times?: number;
  /** How far the client's clock is off, for the error's RequestTime (default +20 min). */
  readonly offsetSeconds?: number;
  readonly keyPrefix?: string;
}

/**
 * The Throttling.User message is quoted in Alibaba's help pages (EDAS "API call is throttled",
 * alibabacloud.com/help/doc-detail/98807; CloudMonitor "How to handle API throttling"); the other
 * two follow its pattern and are this server's wording.
 */
const THROTTLE_MESSAGES: Readonly<Record<string, string>> = {
  Throttling: 'Request was denied due to request throttling.',
  'Throttling.User': 'Request was denied due to user flow control.',
  'Throttling.Api': 'Request was denied due to api flow control.',
};

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
  readonly failure?: {
    status: number;
    code: string;
    message: string;
    fields?: Readonly<Record<string, string>>;
  };
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

  /**
   * Throttles the next matching request(s) as the cloud does: AssumeRole gets HTTP 400 with
   * `Throttling.User` (or the code given); an OSS operation gets 503 `SlowDown` with S3's
   * message ("Please reduce your request rate."), which OSS uses for rate limits too. OSS's
   * exact throttling code is not documented per operation, so treat that one as a model.
   */
  throttleNext(action: string, spec: ThrottleSpec = {}): void {
    if (action === 'AssumeRole') {
      const code = spec.code ?? 'Throttling.User';
      this.failNext(action, { ...spec, status: 400, code, message: THROTTLE_MESSAGES[code] });
    } else {
      this.failNext(action, {
        ...spec,
        status: 503,
        code: 'SlowDown',
        message: 'Please reduce your request rate.',
      });
    }
  }

  /**
   * Answers the next matching request(s) as if the client's clock were off: AssumeRole gets
   * Alibaba's API gateway's 400 `InvalidTimeStamp.Expired` ("Specified time stamp or date value
   * is expired."; Alibaba SDK team's answer on developer.aliyun.com/ask/128316 and a gateway
   * answer quoted in /ask/11111); an OSS operation gets 403 `RequestTimeTooSkewed` with the
   * RequestTime and ServerTime fields OSS sends ("OSS error codes": more than 15 min off).
   */
  skewNext(action: string, spec: SkewSpec = {}): void {
    const serverTime = new Date();
    const requestTime = new Date(serverTime.getTime() + (spec.offsetSeconds ?? 1200) * 1000);
    if (action === 'AssumeRole') {
      this.failNext(action, {
        ...spec,
        status: 400,
        code: 'InvalidTimeStamp.Expired',
        message: 'Specified time stamp or date value is expired.',
      });
    } else {
      this.failNext(action, {
        ...spec,
        status: 403,
        code: 'RequestTimeTooSkewed',
        message: 'The difference between the request time and the current time is too large.',
        fields: { RequestTime: requestTime.toUTCString(), ServerTime: serverTime.toUTCString() },
      });
    }
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
            ...(final.spec.fields ? { fields: final.spec.fields } : {}),
          }
        : undefined;
    return { delayMs: delay?.ms ?? 0, failure, drop: final?.kind === 'drop' };
  }
}
