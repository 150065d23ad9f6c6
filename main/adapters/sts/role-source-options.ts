import type { SecretStore } from '../../../app/ports/secret-store.js';
import type { SdkAgents } from '../network/proxy-agents.js';

/** What both role-assuming sources (assume-role, aliyun-sts) are configured with. */
export interface RoleSourceOptions {
  readonly profileId: string;
  /** The STS endpoint; each source says what it uses when none is given. */
  readonly endpoint: string | undefined;
  /** The sub-account's AccessKeyId; its secret comes from `secrets` (the keychain). */
  readonly accessKeyId: string;
  readonly roleArn: string;
  readonly roleSessionName: string;
  readonly durationSeconds: number;
  /** Minified, validated session policy in the provider's language (IAM, or RAM Version "1");
   *  undefined sends none (the role's policy alone applies). */
  readonly policy: string | undefined;
  readonly secrets: SecretStore;
  /** Proxy agents for the STS endpoint (network/proxy-agents.ts) when a proxy applies; direct
   *  connections otherwise. */
  readonly agents?: SdkAgents;
}
