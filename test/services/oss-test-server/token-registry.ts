import { randomBytes } from 'node:crypto';

import type { RamPolicy } from './ram-policy.js';

/** Temporary credentials the STS endpoint issued, and what they may do. */
export interface IssuedToken {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken: string;
  /** Epoch milliseconds; requests at or after this instant get SecurityTokenExpired. */
  expiresAt: number;
  /** The role's policy, then the session policy if one was passed: all must allow a request. */
  readonly policies: readonly RamPolicy[];
  readonly roleSessionName: string;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random letters and digits (for ids, secrets and request ids). */
export function randomText(length: number): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');
}

/**
 * Every token issued during the server's life. Expired tokens are kept, so a late request is
 * answered SecurityTokenExpired (as OSS does) rather than "unknown key".
 */
export class TokenRegistry {
  private readonly byAccessKeyId = new Map<string, IssuedToken>();
  private readonly bySecurityToken = new Map<string, IssuedToken>();

  issue(input: {
    readonly lifetimeMs: number;
    readonly now: number;
    readonly policies: readonly RamPolicy[];
    readonly roleSessionName: string;
  }): IssuedToken {
    const token: IssuedToken = {
      // Shapes follow the AssumeRole documentation's examples: "STS." ids and "CAIS…" tokens.
      // The token is base64 so that it carries "+", "/" and "=" like the real ones.
      accessKeyId: `STS.${randomText(24)}`,
      accessKeySecret: randomText(44),
      securityToken: `CAIS${randomBytes(240).toString('base64')}`,
      expiresAt: input.now + input.lifetimeMs,
      policies: input.policies,
      roleSessionName: input.roleSessionName,
    };
    this.byAccessKeyId.set(token.accessKeyId, token);
    this.bySecurityToken.set(token.securityToken, token);
    return token;
  }

  byKeyId(accessKeyId: string): IssuedToken | undefined {
    return this.byAccessKeyId.get(accessKeyId);
  }

  byToken(securityToken: string): IssuedToken | undefined {
    return this.bySecurityToken.get(securityToken);
  }

  all(): readonly IssuedToken[] {
    return [...this.byAccessKeyId.values()];
  }

  /** Makes every token issued so far expire at `now` (tests use it instead of sleeping). */
  expireAll(now: number): void {
    for (const token of this.byAccessKeyId.values()) {
      token.expiresAt = Math.min(token.expiresAt, now);
    }
  }
}
