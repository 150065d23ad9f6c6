/**
 * Last line of defence against secrets in logs: callers never log secrets on purpose, and this
 * catches the accidents (an SDK error echoing a header, a URL with a token in its query).
 */

/** Field names whose values are always hidden, whatever they look like. */
const SECRET_FIELD =
  /secret|token|password|passwd|authorization|credential|signature|policy-?sig|security-?token|access-?key-?secret/i;

const PATTERNS: readonly [RegExp, string][] = [
  // Authorization headers: Bearer tokens and SigV4 / OSS signatures.
  [/\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]'],
  [/\b(Signature=)[0-9a-f]{16,}/gi, '$1[redacted]'],
  [/\b(OSS\s+[A-Za-z0-9._-]+:)[A-Za-z0-9+/=]{8,}/g, '$1[redacted]'],
  // key=value and "key": "value" pairs whose key names a secret.
  [
    /(["']?(?:[A-Za-z-]*(?:secret|token|password|signature|security-token)[A-Za-z-]*)["']?\s*[:=]\s*["']?)([^"'\s,&}]{4,})/gi,
    '$1[redacted]',
  ],
  // Presigned URL query parameters.
  [
    /([?&](?:X-Amz-Security-Token|X-Amz-Signature|security-token|Signature)=)[^&\s"]+/gi,
    '$1[redacted]',
  ],
  // Long opaque base64/hex blobs (session tokens are hundreds of characters).
  [/[A-Za-z0-9+/=_-]{120,}/g, '[redacted-blob]'],
];

export function redactText(text: string): string {
  let result = text;
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

export function redactField(name: string, value: unknown): unknown {
  if (SECRET_FIELD.test(name) && value !== null && value !== undefined && value !== '') {
    return '[redacted]';
  }
  return typeof value === 'string' ? redactText(value) : value;
}

/**
 * Hides exact known secrets (the ones Ferry holds right now) wherever they appear. Pattern-based
 * redaction cannot recognise a 40-character secret key; this can.
 */
export class SecretRegistry {
  private readonly secrets = new Set<string>();

  remember(secret: string): void {
    // Very short values would redact ordinary words; real secrets are long.
    if (secret.length >= 8) this.secrets.add(secret);
  }

  scrub(text: string): string {
    let result = text;
    for (const secret of this.secrets) result = result.split(secret).join('[redacted]');
    return result;
  }
}
