import { z } from 'zod';

import { DEFAULT_DURATION_LIMITS } from '../credentials/sts-limits.js';
import { issueParams } from './config-issue.js';
import { secretEnvName } from '../credentials/secret-env-name.js';
import { parseByteSize } from './byte-size.js';
import { isInsecureRemoteUrl } from './endpoint-rules.js';
import { checkFolderBucket, checkProfileForProvider } from './providers/profile-checks.js';
import { PROVIDER_NAMES } from './providers/provider-presets.js';

const MiB = 1024 * 1024;

const id = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/,
    'must be 1–63 letters, digits, ".", "_" or "-", starting with a letter or digit',
  );

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

const byteSize = (minimum: number, maximum: number) =>
  z.union([z.string(), z.number()]).transform((value, ctx) => {
    const bytes = parseByteSize(value);
    if (bytes === null) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not a size; write e.g. 8MiB, 512KiB or a number of bytes`,
        params: issueParams('not-a-size', { value: String(value) }),
      });
      return z.NEVER;
    }
    if (bytes < minimum || bytes > maximum) {
      ctx.addIssue({
        code: 'custom',
        message: `must be between ${minimum} and ${maximum} bytes`,
        params: issueParams('size-out-of-range', { minimum, maximum }),
      });
      return z.NEVER;
    }
    return bytes;
  });

/** The fields both role-assuming sources share: the session name, the duration and its limits,
 *  the policy. Defaults differ per provider (AWS 900–43200 s, Alibaba 900–3600 s). */
const roleRequestFields = (limits: { minSeconds: number; maxSeconds: number }) => ({
  /** The sub-account's AccessKeyId; its secret is in the keychain or FERRY_SECRET_<ID>. */
  accessKeyId: z.string().min(1),
  roleSessionName: z.string().optional(),
  durationSeconds: z.number().int().default(3600),
  /** The provider's limits, when they differ from the defaults (Ceph caps at 3600; a lab RGW may
   *  lower the minimum to test expiry; an Alibaba role may allow up to 43200). */
  minDurationSeconds: z.number().int().positive().default(limits.minSeconds),
  maxDurationSeconds: z.number().int().positive().default(limits.maxSeconds),
  /** "auto": the narrowest policy for this profile's folders; otherwise a JSON policy document. */
  policy: z.string().default('auto'),
});

const assumeRoleCredentials = z.strictObject({
  source: z.literal('assume-role'),
  roleArn: z
    .string()
    .regex(
      /^arn:[\w-]+:iam::[\w-]*:role\/.+$/,
      'must look like arn:aws:iam::123456789012:role/Name (CTyun and Ceph: arn:aws:iam:::role/Name)',
    ),
  ...roleRequestFields(DEFAULT_DURATION_LIMITS),
  /** Defaults to the profile's endpoint (Ceph, MinIO, CTyun serve STS there). */
  stsEndpoint: httpUrl.optional(),
  /** Signs STS calls; default per provider (CTyun: "ctyun", others: the profile's region). */
  stsRegion: z.string().min(1).optional(),
});

/** Alibaba Cloud: a RAM sub-account key asks Alibaba STS for a token for OSS (seed 001). */
const aliyunStsCredentials = z.strictObject({
  source: z.literal('aliyun-sts'),
  roleArn: z
    .string()
    .regex(/^acs:ram::\d*:role\/.+$/, 'must look like acs:ram::1234567890123456:role/name'),
  ...roleRequestFields({ minSeconds: 900, maxSeconds: 3600 }),
  /** Default: https://sts.aliyuncs.com (or a regional STS endpoint). */
  stsEndpoint: httpUrl.optional(),
});

const vendorCredentials = z.strictObject({
  source: z.literal('vendor'),
  /** The token-vending endpoint; Ferry POSTs to it with `Authorization: Bearer <token>`. */
  url: httpUrl,
  timeoutSeconds: z.number().positive().max(300).default(15),
});

const credentials = z.discriminatedUnion(
  'source',
  [assumeRoleCredentials, aliyunStsCredentials, vendorCredentials],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? 'source must be one of: assume-role, aliyun-sts, vendor'
        : undefined,
  },
);

const profile = z
  .strictObject({
    id,
    /** A preset (app/config/providers/provider-presets.ts) fills endpoint rules, path style,
     *  signing regions, bucket/key/session-name rules and STS limits. `oss` = `aliyun-oss`. */
    provider: z
      .enum(PROVIDER_NAMES, { error: `provider must be one of: ${PROVIDER_NAMES.join(', ')}` })
      .default('s3'),
    /** Omit for AWS S3; CTyun, Ceph and MinIO need theirs. */
    endpoint: httpUrl.optional(),
    /** S3: the signing region (default us-east-1; CTyun: ctyun). OSS: e.g. oss-cn-hangzhou. */
    region: z.string().min(1).optional(),
    /** Default per provider: true for Ceph and MinIO, false otherwise. */
    forcePathStyle: z.boolean().optional(),
    /** OSS: the endpoint is a custom domain bound to the bucket. */
    customDomain: z.boolean().default(false),
    /** OSS: how requests are signed. V1 is refused for accounts created from 2025-03-01 and
     *  buckets from 2025-09-01 (Alibaba, "Notice on the discontinuation of the OSS V1 signature
     *  algorithm"); v1 is kept only for old self-hosted OSS-compatible gateways. S3 ignores it. */
    signatureVersion: z.enum(['v4', 'v1']).default('v4'),
    /** Permit plain http:// to a host other than this machine (sends tokens unencrypted). */
    allowHttp: z.boolean().default(false),
    credentials,
  })
  .superRefine((value, ctx) => {
    checkProfileForProvider(value, ctx);
    const credentialUrl =
      value.credentials.source === 'vendor' ? value.credentials.url : value.credentials.stsEndpoint;
    const urls: [string | undefined, (string | number)[]][] = [
      [value.endpoint, ['endpoint']],
      [
        credentialUrl,
        ['credentials', value.credentials.source === 'vendor' ? 'url' : 'stsEndpoint'],
      ],
    ];
    for (const [url, path] of urls) {
      if (url !== undefined && !value.allowHttp && isInsecureRemoteUrl(url)) {
        ctx.addIssue({
          code: 'custom',
          message:
            'plain http:// to another machine would send tokens unencrypted; use https://, or set allowHttp: true on this profile',
          path,
          params: issueParams('insecure-http'),
        });
      }
    }
  });

/** Checked against the folder's provider in the config-level refinement below. */
const bucketName = z.string().min(1, 'required: the bucket name');

/** "backup/laptop" → "backup/laptop/". Leading slashes are dropped ("/a/" → "a/"); a prefix of
 *  only slashes is refused rather than silently becoming the whole bucket (issue 11). */
const folderPrefix = z
  .string()
  .optional()
  // A custom issue, not a type error: zod then still checks the rest, so one run lists them all.
  .superRefine((value, ctx) => {
    if (value === undefined) {
      ctx.addIssue({
        code: 'custom',
        message:
          'required: the key prefix inside the bucket, e.g. "backup/laptop/"; write prefix: "" to sync into the whole bucket',
        params: issueParams('prefix-required'),
      });
    } else if (/^\/+$/.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" would be the whole bucket; write prefix: "" if you mean the whole bucket, or name a folder such as "backup/"`,
        params: issueParams('prefix-whole-bucket', { value }),
      });
    }
  })
  .transform((p = '') => p.replace(/^\/+/, ''))
  .transform((p) => (p === '' || p.endsWith('/') ? p : `${p}/`));

const folder = z.strictObject({
  id,
  path: z.string().min(1),
  profile: z.string().min(1),
  bucket: bucketName,
  /** Key prefix inside the bucket; a trailing "/" is added when missing. Required: the whole
   *  bucket (a session policy on every key, an unconditioned ListBucket) takes an explicit "". */
  prefix: folderPrefix,
  mode: z.enum(['upload', 'mirror']).default('upload'),
  /** Extra gitignore-style patterns, on top of .ferryignore files and the defaults. */
  ignore: z.array(z.string()).default([]),
  /** Let the planner list the remote prefix (needs s3:ListBucket; added to the auto policy). */
  remoteListing: z.boolean().default(false),
  /** Mirror mode: how long a file must stay gone before its object is deleted. */
  deleteDelaySeconds: z.number().min(0).max(86_400).default(60),
});

const transfers = z
  .strictObject({
    concurrency: z.number().int().min(1).max(64).default(8),
    /** Parts of one large file in flight at once (memory: partSize × partConcurrency per file). */
    partConcurrency: z.number().int().min(1).max(32).default(4),
    partSize: byteSize(5 * MiB, 5 * 1024 * MiB).default(8 * MiB),
    /** Bytes per second for all uploads together; 0 means unlimited. */
    bandwidthLimit: byteSize(0, Number.MAX_SAFE_INTEGER).default(0),
  })
  .default({ concurrency: 8, partConcurrency: 4, partSize: 8 * MiB, bandwidthLimit: 0 });

export const configSchema = z
  .strictObject({
    profiles: z.array(profile).min(1, 'add at least one profile'),
    folders: z.array(folder).default([]),
    transfers,
    /** Journal and logs; default: the OS app-data directory. */
    stateDir: z.string().min(1).optional(),
    /** Proxy for storage, STS and vendor calls; default: HTTPS_PROXY / NO_PROXY. */
    proxy: httpUrl.optional(),
  })
  .superRefine((value, ctx) => {
    const seen = new Map<string, number>();
    const envNames = new Map<string, string>();
    value.profiles.forEach((p, index) => {
      if (seen.has(p.id)) {
        ctx.addIssue({
          code: 'custom',
          message: `duplicate profile id "${p.id}"`,
          path: ['profiles', index, 'id'],
          params: issueParams('duplicate-profile', { id: p.id }),
        });
      }
      seen.set(p.id, index);
      // "prod.backup", "prod-backup" and "PROD_BACKUP" would read one FERRY_SECRET_ variable:
      // one profile's secret would be sent to the other's endpoint.
      const envName = secretEnvName(p.id);
      const other = envNames.get(envName);
      if (other !== undefined && other !== p.id) {
        ctx.addIssue({
          code: 'custom',
          message: `profiles "${other}" and "${p.id}" would share the secret variable ${envName}; rename one of them`,
          path: ['profiles', index, 'id'],
          params: issueParams('secret-variable-shared', { other, id: p.id, variable: envName }),
        });
      }
      if (other === undefined) envNames.set(envName, p.id);
    });
    const folderIds = new Set<string>();
    value.folders.forEach((f, index) => {
      if (folderIds.has(f.id)) {
        ctx.addIssue({
          code: 'custom',
          message: `duplicate folder id "${f.id}"`,
          path: ['folders', index, 'id'],
          params: issueParams('duplicate-folder', { id: f.id }),
        });
      }
      folderIds.add(f.id);
      if (!seen.has(f.profile)) {
        ctx.addIssue({
          code: 'custom',
          message: `no profile with id "${f.profile}" (profiles: ${[...seen.keys()].join(', ')})`,
          path: ['folders', index, 'profile'],
          params: issueParams('unknown-profile', {
            profile: f.profile,
            profiles: [...seen.keys()].join(', '),
          }),
        });
      }
      // An unknown profile is reported above; its bucket is still held to the generic S3 rules.
      const provider = value.profiles.find((p) => p.id === f.profile)?.provider ?? 's3';
      checkFolderBucket(f.bucket, provider, ctx, ['folders', index, 'bucket']);
    });
  });

export type FerryConfig = z.output<typeof configSchema>;
export type ProfileConfig = FerryConfig['profiles'][number];
export type FolderConfig = FerryConfig['folders'][number];
export type AssumeRoleConfig = z.output<typeof assumeRoleCredentials>;
export type VendorConfig = z.output<typeof vendorCredentials>;
export type AliyunStsConfig = z.output<typeof aliyunStsCredentials>;
