import type OSS from 'ali-oss';

import { aliOss } from '../system/lazy-modules.js';
import { aliOssTransport } from '../oss/ali-oss-transport.js';

import { parseVendorResponse } from '../../../app/credentials/vendor-response.js';
import { isSyncError, SyncError } from '../../../app/errors/sync-error.js';
import type { Clock } from '../../../app/ports/clock.js';
import type { CredentialSource } from '../../../app/ports/credential-source.js';
import { aliyunStsTarget } from '../../../app/credentials/secret-target.js';
import { requireSecret } from './require-secret.js';
import type { RoleSourceOptions } from './role-source-options.js';
import { aliyunStsFailure, translateStsError } from '../sdk-errors/sts-error.js';

export interface AliyunStsSourceOptions extends RoleSourceOptions {
  /** Default: Alibaba's public STS endpoint (ALIYUN_STS_ENDPOINT). */
  readonly endpoint: string | undefined;
  readonly clock: Clock;
  readonly timeoutMs?: number;
}

/**
 * The `aliyun-sts` source (seed 001): a RAM sub-account key asks Alibaba STS for a temporary
 * token through ali-oss's STS client; the answer is checked like a vendor's (every field present,
 * Expiration in the future) so a garbage reply cannot reach the signer.
 */
/** Alibaba's public STS endpoint (RAM/STS "Endpoints" page). */
export const ALIYUN_STS_ENDPOINT = 'https://sts.aliyuncs.com';

export function createAliyunStsSource(options: AliyunStsSourceOptions): CredentialSource {
  const endpoint = options.endpoint ?? ALIYUN_STS_ENDPOINT;
  return async () => {
    const accessKeySecret = await requireSecret(
      options.secrets,
      options.profileId,
      'AccessKeySecret',
      aliyunStsTarget(options.accessKeyId, options.endpoint),
    );
    const Sts = aliOss().STS;
    const sts = new Sts({
      accessKeyId: options.accessKeyId,
      accessKeySecret,
      endpoint,
      // OSS.STS alone would send https requests without our agent (see aliOssTransport).
      ...(options.agents ? { urllib: aliOssTransport(options.agents) } : {}),
    } as ConstructorParameters<typeof OSS.STS>[0]);
    let answer: { credentials: unknown };
    try {
      answer = await sts.assumeRole(
        options.roleArn,
        options.policy,
        options.durationSeconds,
        options.roleSessionName,
        {
          timeout: options.timeoutMs ?? 20_000,
          ctx: undefined,
        },
      );
    } catch (error) {
      // Never keep ali-oss's error as the cause: it carries the signed request parameters.
      const translated = translateStsError(
        error,
        { ...options, endpoint },
        aliyunStsFailure(error),
      );
      throw new SyncError(translated.code, translated.disposition, translated.message, {
        ...(translated.hint ? { hint: translated.hint } : {}),
        ...(translated.requestId ? { requestId: translated.requestId } : {}),
      });
    }
    try {
      return parseVendorResponse({ Credentials: answer.credentials }, options.clock.now());
    } catch (error) {
      if (isSyncError(error)) {
        throw new SyncError(
          'sts-bad-response',
          'retry',
          error.message.replace("The token backend's answer", `Alibaba STS at ${endpoint}`),
          {
            hint: 'Check credentials.stsEndpoint: it may not be an Alibaba STS service.',
          },
        );
      }
      throw error;
    }
  };
}
