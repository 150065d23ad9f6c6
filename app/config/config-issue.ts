/**
 * One problem of a configuration document, as data (issue 13: the settings page words each in
 * the UI's language, by code with params, instead of reading English lines). Built from zod's
 * issues by issue-of-zod.ts; the English `message` stays for the CLI, the log and the file.
 * No zod here: the renderer imports the codes (through app/ipc) without bundling the schemas.
 */
export const CONFIG_ISSUE_CODES = [
  /** {keys}: keys the schema does not know (a typo, or a key of another version). */
  'unknown-keys',
  'required',
  /** {expected}: number, string, boolean, int, array, object. */
  'wrong-type',
  /** {minimum} / {maximum}: a number, a length or a count. */
  'too-small',
  'too-big',
  /** {values}: the allowed values, comma-separated. */
  'not-one-of',
  /** An id: 1–63 letters, digits, ".", "_" or "-". */
  'bad-id',
  'bad-url',
  'bad-role-arn',
  'bad-format',
  /** {value}: not a byte size such as 8MiB. */
  'not-a-size',
  /** {minimum} {maximum} in bytes. */
  'size-out-of-range',
  'insecure-http',
  'prefix-required',
  /** {value}: a prefix of only slashes. */
  'prefix-whole-bucket',
  /** {id} */
  'duplicate-profile',
  'duplicate-folder',
  /** {other} {id} {variable}: two profile ids that read one FERRY_SECRET_ variable. */
  'secret-variable-shared',
  /** {profile} {profiles} */
  'unknown-profile',
  /** {provider}: OSS needs aliyun-sts or vendor. */
  'oss-needs-aliyun-sts',
  /** {provider} {sources}: aliyun-sts on a provider that is not OSS. */
  'aliyun-sts-needs-oss',
  /** {provider} {example} */
  'endpoint-required',
  /** {value} {maximum} {provider} */
  'duration-above-provider-max',
  'min-above-max',
  /** {value} {minimum} {maximum} */
  'duration-out-of-range',
  /** {detail}: a rule without a code of its own (bucket names, policies): the English text. */
  'other',
] as const;

export type ConfigIssueCode = (typeof CONFIG_ISSUE_CODES)[number];

export interface ConfigIssue {
  /** "profiles[0].credentials.roleArn"; "" for the whole document. */
  readonly path: string;
  readonly code: ConfigIssueCode;
  readonly params: Readonly<Record<string, string | number>>;
  /** The English line, as the CLI prints it after the path. */
  readonly message: string;
}

/** Marks a custom zod issue with its code: `ctx.addIssue({ …, params: issueParams(…) })`. */
export function issueParams(
  code: ConfigIssueCode,
  values: Readonly<Record<string, string | number>> = {},
): Record<string, string | number> {
  return { ...values, issue: code };
}
