/**
 * Last line of defence against secrets in anything Ferry writes out (logs, the UI's messages,
 * CLI output): callers never print secrets on purpose, and this catches the accidents (an SDK
 * error echoing a header or an STS answer, a URL with a token in its query or its userinfo).
 */

/** Field names whose values are always hidden, whatever they look like. */
const SECRET_FIELD =
  /secret|token|password|passwd|authorization|credential|signature|policy-?sig|security-?token|access-?key-?secret/i;

/** A quote as it appears in plain text, in JSON (`"`) and in JSON inside JSON (`\"`, `\\\"`). */
const Q = String.raw`\\*["']?`;
/** Names that make the value next to them a secret (`AWS_SECRET_ACCESS_KEY`, `secret_key`,
 *  `SecretAccessKey`, `AccessKeySecret`, `SecurityToken`, `x-oss-security-token`, `password`). */
const SECRET_NAME = String.raw`[\w.-]*?(?:secret|token|passw(?:or)?d|signature|api[_-]?key|private[_-]?key)[\w.-]*`;

/** Each pattern with a cheap test of whether it can match at all: most messages (paths, counts,
 *  HTTP codes) skip every pattern, which keeps a snapshot of 10,000 failed transfers cheap. */
const PATTERNS: readonly (readonly [RegExp, string, RegExp])[] = [
  // Authorization headers, whatever the scheme (Bearer, AWS4-HMAC-SHA256 …, OSS …): the whole
  // value up to the end of the line or the closing quote.
  [
    new RegExp(String.raw`(\bauthorization${Q}\s*[:=]\s*${Q})[^"'\r\n\\]+`, 'gi'),
    '$1[redacted]',
    /authorization/i,
  ],
  [/\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]', /bearer/i],
  [/\b(Signature=)[0-9a-f]{16,}/gi, '$1[redacted]', /signature=/i],
  [/\b(OSS4?-?[A-Z0-9-]*\s+[A-Za-z0-9._-]+:)[A-Za-z0-9+/=]{8,}/g, '$1[redacted]', /OSS/],
  // XML elements of STS answers and SDK errors: <SecretAccessKey>, <AccessKeySecret>,
  // <SessionToken>, <SecurityToken>. [^<]* keeps wrappers such as <Credentials> intact.
  [
    /<([\w:-]*(?:secret|token|password|signature)[\w:-]*)>[^<]*<\/\1>/gi,
    '<$1>[redacted]</$1>',
    /<\/[\w:-]*(?:secret|token|password|signature)/i,
  ],
  // Presigned URL query parameters (AWS and OSS spellings).
  [
    /([?&;](?:X-Amz-Security-Token|X-Amz-Signature|x-oss-security-token|x-oss-signature|security-token|SecurityToken|Signature|AccessKeySecret|token)=)[^&\s"'#]+/gi,
    '$1[redacted]',
    /token=|signature=|secret=/i,
  ],
  // key=value, key: value, "key": "value" and escaped JSON \"key\":\"value\", where the key
  // names a secret.
  [
    new RegExp(
      // Numbers, booleans and null are left: "tokenExpiresAt": 1764… is no secret, and
      // replacing an unquoted JSON value would break the JSON of `--json` output.
      String.raw`(${Q}\b${SECRET_NAME}${Q}\s*[:=]\s*${Q})(?!(?:\d+(?:\.\d+)?|true|false|null)\b)([^"'\s,&}\\<]{4,})`,
      'gi',
    ),
    '$1[redacted]',
    /secret|token|passw|signature|api[_-]?key|private[_-]?key/i,
  ],
  // The password of URL userinfo: https://user:password@host.
  [
    /\b([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:"'<>]*):[^\s/?#@"'<>]+@/gi,
    '$1:[redacted]@',
    /:\/\/[^\s/?#@]*@/,
  ],
  // Long opaque base64/hex blobs (session tokens are hundreds of characters).
  [/[A-Za-z0-9+/=_-]{120,}/g, '[redacted-blob]', /^[\s\S]{120}/],
];

export function redactText(text: string): string {
  let result = text;
  for (const [pattern, replacement, trigger] of PATTERNS) {
    if (trigger.test(result)) result = result.replace(pattern, replacement);
  }
  return result;
}

export function redactField(name: string, value: unknown): unknown {
  if (SECRET_FIELD.test(name) && value !== null && value !== undefined && value !== '') {
    return '[redacted]';
  }
  return typeof value === 'string' ? redactText(value) : value;
}

/** How many exact secrets are kept: tokens rotate hourly, so old ones are dropped first. */
const REGISTRY_LIMIT = 256;

/**
 * Hides exact known secrets (the ones Ferry holds or held in this process) wherever they appear.
 * Pattern-based redaction cannot recognise a 40-character secret key; this can.
 */
export class SecretRegistry {
  private readonly secrets = new Set<string>();
  private ordered: string[] = [];

  remember(secret: string | null | undefined): void {
    // Very short values would redact ordinary words; real secrets are long.
    if (!secret || secret.length < 8) return;
    // Also as it appears in a URL's query ("+" → "%2B", "/" → "%2F").
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      this.secrets.delete(form);
      this.secrets.add(form);
    }
    while (this.secrets.size > REGISTRY_LIMIT) {
      const oldest = this.secrets.values().next().value;
      if (oldest === undefined) break;
      this.secrets.delete(oldest);
    }
    // Longest first, so a secret that contains another is hidden whole.
    this.ordered = [...this.secrets].sort((a, b) => b.length - a.length);
  }

  scrub(text: string): string {
    let result = text;
    for (const secret of this.ordered) {
      if (result.includes(secret)) result = result.split(secret).join('[redacted]');
    }
    return result;
  }
}

/**
 * The secrets of this process: the keychain and FERRY_SECRET_* values as they are read, the
 * temporary credentials as they are issued. One registry, so the log, the UI and the CLI all
 * hide the same ones.
 */
export const processSecrets = new SecretRegistry();

/** What every message leaving the engine goes through: known secrets, then the patterns. */
export function redactOutgoing(text: string, secrets: SecretRegistry = processSecrets): string {
  return redactText(secrets.scrub(text));
}
