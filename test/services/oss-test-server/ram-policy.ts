/**
 * Alibaba RAM policies as OSS evaluates them ("RAM Policy" in the OSS guide):
 *
 *   {"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:PutObject"],
 *     "Resource":["acs:oss:*:*:bucket/prefix*"],"Condition":{"StringLike":{"oss:Prefix":["p/*"]}}}]}
 *
 * Evaluation: an explicit Deny wins, then an Allow is needed, otherwise the request is denied by
 * default. A token's rights are the intersection of the role's policy and the session policy
 * passed to AssumeRole, so the request must be allowed by every policy in the chain.
 *
 * `*` matches any run of characters and `?` one character, in both Action and Resource.
 * Action names are compared case-insensitively (as RAM and IAM do); resources case-sensitively.
 */

export type Effect = 'Allow' | 'Deny';

/** Condition operators this server understands; others are refused when the policy is parsed. */
const OPERATORS = ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike'] as const;
type Operator = (typeof OPERATORS)[number];

export interface Condition {
  readonly operator: Operator;
  readonly key: string;
  readonly values: readonly string[];
}

export interface Statement {
  readonly effect: Effect;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly conditions: readonly Condition[];
}

export interface RamPolicy {
  readonly statements: readonly Statement[];
  /** The policy text as given, for diagnostics. */
  readonly text: string;
}

/** One request as the policy sees it. */
export interface AccessRequest {
  /** e.g. `oss:PutObject`. */
  readonly action: string;
  /** e.g. `acs:oss:oss-cn-hangzhou:1234:bucket/key` or `acs:oss:…:bucket` for bucket actions. */
  readonly resource: string;
  /** Condition keys and their values, e.g. `oss:Prefix`. */
  readonly context: Readonly<Record<string, string>>;
}

/** Why a policy text was refused (the STS endpoint answers InvalidParameter.PolicyGrammar). */
export class PolicyGrammarError extends Error {
  override name = 'PolicyGrammarError';
}

function stringList(value: unknown, where: string): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    !list.every((item): item is string => typeof item === 'string' && item.length > 0)
  ) {
    throw new PolicyGrammarError(`${where} must be a non-empty string or array of strings`);
  }
  return list;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseConditions(value: unknown, where: string): Condition[] {
  if (value === undefined) return [];
  if (!isRecord(value)) throw new PolicyGrammarError(`${where}.Condition must be an object`);
  const conditions: Condition[] = [];
  for (const [operator, block] of Object.entries(value)) {
    if (!(OPERATORS as readonly string[]).includes(operator)) {
      throw new PolicyGrammarError(
        `${where}.Condition operator "${operator}" is not supported by the OSS test server ` +
          `(it knows ${OPERATORS.join(', ')})`,
      );
    }
    if (!isRecord(block)) {
      throw new PolicyGrammarError(`${where}.Condition.${operator} must be an object`);
    }
    for (const [key, values] of Object.entries(block)) {
      conditions.push({
        operator: operator as Operator,
        key,
        values: stringList(values, `${where}.Condition.${operator}.${key}`),
      });
    }
  }
  return conditions;
}

function parseStatement(value: unknown, index: number): Statement {
  const where = `Statement[${index}]`;
  if (!isRecord(value)) throw new PolicyGrammarError(`${where} must be an object`);
  if (value['Effect'] !== 'Allow' && value['Effect'] !== 'Deny') {
    throw new PolicyGrammarError(`${where}.Effect must be "Allow" or "Deny"`);
  }
  return {
    effect: value['Effect'],
    actions: stringList(value['Action'], `${where}.Action`),
    resources: stringList(value['Resource'], `${where}.Resource`),
    conditions: parseConditions(value['Condition'], where),
  };
}

/** Parses and checks a RAM policy document; throws PolicyGrammarError saying what is wrong. */
export function parseRamPolicy(text: string): RamPolicy {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new PolicyGrammarError('the policy is not valid JSON');
  }
  if (!isRecord(document)) throw new PolicyGrammarError('the policy must be a JSON object');
  if (document['Version'] !== '1') {
    throw new PolicyGrammarError('Version must be the string "1" for a RAM policy');
  }
  const statements = document['Statement'];
  if (!Array.isArray(statements) || statements.length === 0) {
    throw new PolicyGrammarError('Statement must be a non-empty array');
  }
  return { statements: statements.map(parseStatement), text };
}

const patternCache = new Map<string, RegExp>();

/** Matches `value` against a RAM wildcard pattern (`*` any run, `?` one character). */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regex = patternCache.get(cacheKey);
  if (!regex) {
    const body = pattern
      .split('')
      .map((c) =>
        c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.+^${}()|[\]\\/-]/g, '\\$&'),
      )
      .join('');
    regex = new RegExp(`^${body}$`, ignoreCase ? 'i' : '');
    patternCache.set(cacheKey, regex);
  }
  return regex.test(value);
}

function conditionHolds(condition: Condition, context: AccessRequest['context']): boolean {
  const actual = context[condition.key];
  switch (condition.operator) {
    case 'StringEquals':
      return actual !== undefined && condition.values.includes(actual);
    case 'StringNotEquals':
      return actual === undefined || !condition.values.includes(actual);
    case 'StringLike':
      return actual !== undefined && condition.values.some((p) => wildcardMatch(p, actual));
    case 'StringNotLike':
      return actual === undefined || !condition.values.some((p) => wildcardMatch(p, actual));
  }
}

function statementApplies(statement: Statement, request: AccessRequest): boolean {
  return (
    statement.actions.some((pattern) => wildcardMatch(pattern, request.action, true)) &&
    statement.resources.some((pattern) => wildcardMatch(pattern, request.resource)) &&
    statement.conditions.every((condition) => conditionHolds(condition, request.context))
  );
}

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

/** One policy's verdict on one request. */
export function evaluate(policy: RamPolicy, request: AccessRequest): Decision {
  const applicable = policy.statements.filter((s) => statementApplies(s, request));
  if (applicable.some((s) => s.effect === 'Deny')) return 'explicit-deny';
  return applicable.some((s) => s.effect === 'Allow') ? 'allow' : 'implicit-deny';
}

/** True when every policy in the chain (role ∩ session) allows the request. */
export function allowedByAll(policies: readonly RamPolicy[], request: AccessRequest): boolean {
  return policies.length > 0 && policies.every((p) => evaluate(p, request) === 'allow');
}
