/**
 * The session policy Ferry sent, in plain words (issue 12: show what the current token allows).
 * Read from the policy text itself (session-policy.ts builds it; a custom one is the user's), not
 * from the config, so what is shown is what STS was asked for. The effective right is the
 * intersection with the role's own policy, which the S3 and OSS STS APIs do not let the token
 * read: a "may" here is an upper bound, a "may not" is certain.
 */

/** What a user cares about, in the order they are shown. */
export type PolicyAbility = 'upload' | 'read' | 'delete' | 'list';
export const POLICY_ABILITIES: readonly PolicyAbility[] = ['upload', 'read', 'delete', 'list'];

/** Where a grant applies: a bucket ("*": any) and a key prefix ("" the whole bucket). */
export interface PolicyScope {
  readonly bucket: string;
  readonly prefix: string;
}

export interface PolicyGrant extends PolicyScope {
  readonly abilities: readonly PolicyAbility[];
}

export interface PolicySummary {
  /** `auto`: the narrowest policy Ferry built; `custom`: the config's own; `none`: none sent
   *  (a vendor backend decides). */
  readonly kind: 'auto' | 'custom' | 'none';
  readonly grants: readonly PolicyGrant[];
  /** The policy has parts this summary cannot express (Deny, NotAction, other conditions). */
  readonly approximate: boolean;
}

/** What one folder's token allows there: carried to the UI, which words it per language. */
export interface FolderPolicyView {
  readonly kind: PolicySummary['kind'];
  readonly bucket: string;
  readonly prefix: string;
  readonly may: readonly PolicyAbility[];
  readonly mayNot: readonly PolicyAbility[];
  readonly approximate: boolean;
}

/** IAM (S3, CTyun, Ceph) and RAM (OSS) action names → ability; the multipart bookkeeping
 *  actions (abort, list parts, list uploads) belong to "upload" and are not shown apart. */
const ACTIONS: Readonly<Record<string, PolicyAbility>> = {
  's3:putobject': 'upload',
  'oss:putobject': 'upload',
  's3:getobject': 'read',
  'oss:getobject': 'read',
  's3:deleteobject': 'delete',
  'oss:deleteobject': 'delete',
  's3:listbucket': 'list',
  'oss:listobjects': 'list',
};

interface Statement {
  readonly Effect?: unknown;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
  readonly Condition?: unknown;
}

/** Summarises a session policy as sent (`policyText` undefined: none was sent). */
export function summarisePolicy(
  policyText: string | undefined,
  kind: 'auto' | 'custom',
): PolicySummary {
  if (policyText === undefined) return { kind: 'none', grants: [], approximate: false };
  let statements: Statement[];
  try {
    const parsed = JSON.parse(policyText) as { Statement?: unknown };
    const raw = parsed.Statement;
    statements = (Array.isArray(raw) ? raw : [raw]).filter(
      (s): s is Statement => typeof s === 'object' && s !== null,
    );
  } catch {
    return { kind, grants: [], approximate: true };
  }
  const grants = new Map<string, { scope: PolicyScope; abilities: Set<PolicyAbility> }>();
  let approximate = false;
  for (const statement of statements) {
    if (statement.Effect !== 'Allow' || statement.NotAction !== undefined) {
      approximate = true; // a Deny only narrows: the "may" shown stays an upper bound
      continue;
    }
    if (statement.NotResource !== undefined) approximate = true;
    const abilities = abilitiesOf(strings(statement.Action));
    const listPrefixes = conditionPrefixes(statement.Condition);
    if (listPrefixes === 'other') approximate = true;
    for (const resource of strings(statement.Resource)) {
      const parsed = parseResource(resource);
      if (parsed === null) {
        approximate = true;
        continue;
      }
      for (const ability of abilities) {
        // Objects are read, written and deleted; buckets are listed.
        if ((ability === 'list') !== parsed.onBucket && parsed.bucket !== '*') continue;
        const prefixes =
          ability === 'list' && Array.isArray(listPrefixes) ? listPrefixes : [parsed.prefix];
        for (const prefix of prefixes) {
          const key = `${parsed.bucket}\u0000${prefix}`;
          const grant = grants.get(key) ?? {
            scope: { bucket: parsed.bucket, prefix },
            abilities: new Set<PolicyAbility>(),
          };
          grant.abilities.add(ability);
          grants.set(key, grant);
        }
      }
    }
  }
  return {
    kind,
    grants: [...grants.values()]
      .map(({ scope, abilities }) => ({
        ...scope,
        abilities: POLICY_ABILITIES.filter((a) => abilities.has(a)),
      }))
      .sort((a, b) => (a.bucket + a.prefix < b.bucket + b.prefix ? -1 : 1)),
    approximate,
  };
}

/** What the policy allows a folder at `scope`: every grant whose bucket and prefix cover it. */
export function folderPolicy(summary: PolicySummary, scope: PolicyScope): FolderPolicyView {
  const may = new Set<PolicyAbility>();
  for (const grant of summary.grants) {
    if (grant.bucket !== '*' && grant.bucket !== scope.bucket) continue;
    if (!scope.prefix.startsWith(grant.prefix)) continue;
    for (const ability of grant.abilities) may.add(ability);
  }
  const none = summary.kind === 'none';
  return {
    kind: summary.kind,
    bucket: scope.bucket,
    prefix: scope.prefix,
    may: none ? [] : POLICY_ABILITIES.filter((a) => may.has(a)),
    mayNot: none ? [] : POLICY_ABILITIES.filter((a) => !may.has(a)),
    approximate: summary.approximate,
  };
}

const WORDS: Record<PolicyAbility, string> = {
  upload: 'upload and overwrite',
  read: 'read',
  delete: 'delete',
  list: 'list',
};

/** English, for the CLI: "may upload and overwrite and read under photos/2026/ of bucket b,
 *  may not delete or list". The UI words the same structure per language. */
export function describeFolderPolicy(view: FolderPolicyView): string {
  if (view.kind === 'none') {
    return 'no session policy sent: the token backend decides what the token may do';
  }
  const where =
    view.prefix === ''
      ? `anywhere in bucket ${view.bucket}`
      : `under ${view.prefix} of bucket ${view.bucket}`;
  const may =
    view.may.length === 0
      ? `may do nothing ${where}`
      : `may ${join(view.may.map((a) => WORDS[a]))} ${where}`;
  const mayNot =
    view.mayNot.length === 0
      ? ''
      : `, may not ${join(
          view.mayNot.map((a) => WORDS[a]),
          'or',
        )}`;
  const notes = [
    ...(view.kind === 'custom' ? ['custom policy'] : []),
    ...(view.approximate ? ['summarised: the policy has parts not shown here'] : []),
  ];
  return `${may}${mayNot}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
}

function join(words: readonly string[], last = 'and'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1) ?? ''}`;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Action names, with IAM's wildcards ("s3:*", "s3:Put*", "*"), case-insensitive as IAM is. */
function abilitiesOf(actions: readonly string[]): Set<PolicyAbility> {
  const found = new Set<PolicyAbility>();
  for (const action of actions) {
    const pattern = new RegExp(
      `^${action
        .toLowerCase()
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    for (const [name, ability] of Object.entries(ACTIONS)) {
      if (pattern.test(name)) found.add(ability);
    }
  }
  return found;
}

/** The bucket and prefix of an IAM or RAM resource ARN; null when it is neither. */
function parseResource(
  resource: string,
): { bucket: string; prefix: string; onBucket: boolean } | null {
  if (resource === '*') return { bucket: '*', prefix: '', onBucket: true };
  const match = /^(?:arn:aws:s3:::|acs:oss:[^:]*:[^:]*:)([^/]+)(?:\/(.*))?$/.exec(resource);
  if (!match) return null;
  const bucket = match[1] ?? '';
  const path = match[2];
  if (path === undefined) return { bucket, prefix: '', onBucket: true };
  return { bucket, prefix: path.endsWith('*') ? path.slice(0, -1) : path, onBucket: false };
}

/** The prefixes a ListBucket statement is limited to (s3:prefix / oss:Prefix), "none" when it
 *  has no condition, "other" for conditions this summary does not read. */
function conditionPrefixes(condition: unknown): string[] | 'none' | 'other' {
  if (condition === undefined) return 'none';
  if (typeof condition !== 'object' || condition === null) return 'other';
  const entries = Object.entries(condition as Record<string, unknown>);
  const like = entries.find(
    ([operator]) => operator === 'StringLike' || operator === 'StringEquals',
  );
  if (!like || entries.length > 1 || typeof like[1] !== 'object' || like[1] === null) {
    return 'other';
  }
  const keys = Object.entries(like[1] as Record<string, unknown>);
  const prefixKey = keys.find(([key]) => /^(s3:prefix|oss:Prefix)$/i.test(key));
  if (!prefixKey || keys.length > 1) return 'other';
  const values = strings(prefixKey[1]).map((v) => (v.endsWith('*') ? v.slice(0, -1) : v));
  return [...new Set(values)];
}
