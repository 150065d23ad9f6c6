import { SyncError } from '../../../app/errors/sync-error.js';
import type { CredentialSource } from '../../../app/ports/credential-source.js';
import { assumeRoleTarget } from '../../../app/credentials/secret-target.js';
import { requireSecret } from './require-secret.js';
import type { RoleSourceOptions } from './role-source-options.js';
import { translateStsError } from '../sdk-errors/sts-error.js';

export interface AssumeRoleSourceOptions extends RoleSourceOptions {
  /** STS endpoint; for CTyun, Ceph and MinIO the same host as S3. Omit for AWS. */
  readonly endpoint: string | undefined;
  /** Signing region: CTyun requires "ctyun"; Ceph accepts any. */
  readonly region: string;
  readonly requestTimeoutMs?: number;
}

/**
 * The `assume-role` source (seed 000, CTyun): the sub-account's long-lived key signs
 * AssumeRole; the answer is a temporary key narrowed by the session policy.
 */
export function createAssumeRoleSource(options: AssumeRoleSourceOptions): CredentialSource {
  const endpointLabel = options.endpoint ?? `AWS STS (${options.region})`;
  return async () => {
    // Read per call, not cached: `ferry secret set` takes effect at the next refresh.
    const secretAccessKey = await requireSecret(
      options.secrets,
      options.profileId,
      'secret key',
      assumeRoleTarget(options.accessKeyId, options.endpoint),
    );
    // The STS client (~0.05–0.1 s CPU to load) only when a token is fetched: `status`, `check`
    // and a run that fetches no token never load it (issue 15, cold start).
    const { AssumeRoleCommand, STSClient } = await import('@aws-sdk/client-sts');
    const client = new STSClient({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey },
      // One retry for a network blip; longer outages are paced by the broker's backoff.
      maxAttempts: 2,
      requestHandler: {
        connectionTimeout: 5_000,
        requestTimeout: options.requestTimeoutMs ?? 20_000,
        ...options.agents,
      },
    });
    try {
      const answer = await client
        .send(
          new AssumeRoleCommand({
            RoleArn: options.roleArn,
            RoleSessionName: options.roleSessionName,
            DurationSeconds: options.durationSeconds,
            ...(options.policy === undefined ? {} : { Policy: options.policy }),
          }),
        )
        .catch((error: unknown) => {
          throw translateStsError(error, { ...options, endpoint: endpointLabel });
        });
      const credentials = answer.Credentials;
      const missing = (
        ['AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration'] as const
      ).filter((field) => !credentials?.[field]);
      if (
        !credentials?.AccessKeyId ||
        !credentials.SecretAccessKey ||
        !credentials.SessionToken ||
        !credentials.Expiration
      ) {
        throw new SyncError(
          'sts-bad-response',
          'retry',
          `STS at ${endpointLabel} answered AssumeRole without Credentials.${missing.join(', Credentials.')}.`,
          {
            hint: 'The endpoint may not be an STS service; check credentials.stsEndpoint.',
          },
        );
      }
      return {
        accessKeyId: credentials.AccessKeyId,
        secretAccessKey: credentials.SecretAccessKey,
        sessionToken: credentials.SessionToken,
        expiration: credentials.Expiration,
      };
    } finally {
      client.destroy();
    }
  };
}
