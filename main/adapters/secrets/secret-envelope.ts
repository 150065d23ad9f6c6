import type { SecretTarget } from '../../../app/ports/secret-store.js';

/**
 * How a secret and its target share one keychain entry: `{"v":1,"target":{…},"secret":"…"}`.
 * One entry, so the two are written atomically (a second account entry could be left behind
 * or lost on its own). An entry that is not such an envelope is a plain secret written before
 * Ferry bound secrets: it reads as unbound.
 */
export function encodeSecret(secret: string, target: SecretTarget): string {
  return JSON.stringify({ v: 1, target, secret });
}

export function decodeSecret(raw: string): { secret: string; target: SecretTarget | null } {
  if (raw.startsWith('{"v":1,')) {
    try {
      const parsed = JSON.parse(raw) as { v?: unknown; target?: unknown; secret?: unknown };
      if (parsed.v === 1 && typeof parsed.secret === 'string' && isTarget(parsed.target)) {
        return { secret: parsed.secret, target: parsed.target };
      }
    } catch {
      // not an envelope after all: a plain secret that happens to start like one
    }
  }
  return { secret: raw, target: null };
}

function isTarget(value: unknown): value is SecretTarget {
  if (typeof value !== 'object' || value === null) return false;
  const target = value as Record<string, unknown>;
  return (
    (target['source'] === 'assume-role' ||
      target['source'] === 'aliyun-sts' ||
      target['source'] === 'vendor') &&
    (target['accessKeyId'] === null || typeof target['accessKeyId'] === 'string') &&
    typeof target['endpoint'] === 'string'
  );
}
