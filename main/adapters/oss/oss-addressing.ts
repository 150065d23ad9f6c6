import { SyncError } from '../../../app/errors/sync-error.js';

export type OssSignatureVersion = 'v4' | 'v1';

export interface OssAddressingInput {
  /** For messages: the profile's id. */
  readonly profileId?: string;
  /** `cn-hangzhou` or `oss-cn-hangzhou`; may be omitted when the endpoint names it. */
  readonly region?: string | undefined;
  /** An OSS endpoint, a custom domain (with `customDomain`) or a test server. */
  readonly endpoint?: string | undefined;
  readonly customDomain: boolean;
  readonly signatureVersion: OssSignatureVersion;
}

/** Where requests go and how they are signed, decided once per profile. */
export interface OssAddressing {
  /** The URL every data request goes to (also what proxy rules are matched against). */
  readonly endpoint: string;
  /** V4's scope region, the standard id (`cn-hangzhou`); undefined when signing V1. */
  readonly signingRegion: string | undefined;
  /** The ali-oss constructor options that follow from it. */
  readonly clientOptions: {
    readonly endpoint: string;
    readonly secure: boolean;
    readonly cname: boolean;
    /** OSS's own form (`oss-cn-hangzhou`): ali-oss strips "oss-" to sign (getStandardRegion)
     *  and, for an IP endpoint, builds the Host header from it (createRequest.js). */
    readonly region?: string;
    readonly authorizationV4: boolean;
  };
}

/** A region id as OSS's endpoints spell it after "oss-": cn-hangzhou, ap-southeast-1, … */
const STANDARD_REGION = /^[a-z]{2,}(?:-[a-z0-9]+)+$/;
/** oss-cn-hangzhou.aliyuncs.com, oss-cn-hangzhou-internal.aliyuncs.com (Regions and endpoints). */
const OSS_ENDPOINT_HOST = /^oss-([a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com$/;

/**
 * Normalises a profile's region and endpoint once into both the endpoint host and the V4
 * signing region (issue 10: `cn-hangzhou` used to become a non-OSS host). Facts:
 * - V4 (`OSS4-HMAC-SHA256`) signs with the standard region id (`cn-hangzhou`), never the
 *   endpoint's `oss-cn-hangzhou` (Alibaba, "Guidelines for upgrading V1 signatures to V4
 *   signatures"; ali-oss 6.23 lib/common/utils/getStandardRegion.js strips `oss-`);
 * - public endpoints are `https://oss-<region>.aliyuncs.com` (OSS "Regions and endpoints").
 * Throws SyncError `config-invalid` naming the field when a V4 signature cannot be made.
 */
export function ossAddressing(input: OssAddressingInput): OssAddressing {
  const label = input.profileId === undefined ? 'OSS profile' : `Profile "${input.profileId}"`;
  const configError = (problem: string, hint?: string) =>
    new SyncError('config-invalid', 'fatal', `${label}: ${problem} (region).`, {
      hint: hint ?? 'Set region on the profile.',
    });
  const standard =
    input.region === undefined ? undefined : standardRegion(input.region, configError);
  const endpointUrl =
    input.endpoint ?? (standard ? `https://oss-${standard}.aliyuncs.com` : undefined);
  if (endpointUrl === undefined) {
    throw configError('an OSS profile needs a region (e.g. cn-hangzhou) or an endpoint');
  }
  const host = new URL(endpointUrl).hostname.toLowerCase();
  // Transfer acceleration endpoints (oss-accelerate[-overseas].aliyuncs.com) name no region.
  const named = OSS_ENDPOINT_HOST.exec(host)?.[1];
  const fromHost = named?.startsWith('accelerate') ? undefined : named;
  const signing = standard ?? fromHost;
  const v4 = input.signatureVersion === 'v4';
  if (v4 && signing === undefined) {
    throw configError(
      `V4 signatures name the bucket's region, and the endpoint ${host} does not show it`,
      'Set region (e.g. cn-hangzhou) on the profile, or signatureVersion: v1 for an old OSS-compatible gateway.',
    );
  }
  return {
    endpoint: endpointUrl,
    signingRegion: v4 ? signing : undefined,
    clientOptions: {
      endpoint: endpointUrl,
      secure: endpointUrl.startsWith('https:'),
      cname: input.customDomain,
      ...(signing === undefined ? {} : { region: `oss-${signing}` }),
      authorizationV4: v4,
    },
  };
}

function standardRegion(
  region: string,
  configError: (problem: string, hint: string) => SyncError,
): string {
  const standard = region.trim().toLowerCase().replace(/^oss-/, '');
  if (!STANDARD_REGION.test(standard) || standard.endsWith('-internal')) {
    throw configError(
      `region "${region}" is not an OSS region id`,
      'Use the region id from the OSS console, e.g. cn-hangzhou (oss-cn-hangzhou works too); put hosts in endpoint.',
    );
  }
  return standard;
}
