import { SyncError } from '../errors/sync-error.js';
import { POLICY_VERSION, RAM_POLICY_VERSION, validateSessionPolicy } from './sts-limits.js';

export type FolderMode = 'upload' | 'mirror';

/** What one synced folder needs from the store. */
export interface FolderGrant {
  readonly bucket: string;
  /** Key prefix; empty for the whole bucket, otherwise ends with "/". */
  readonly prefix: string;
  readonly mode: FolderMode;
  /** Whether the planner may list the remote prefix (adds s3:ListBucket with a prefix condition). */
  readonly list: boolean;
}

export interface PolicyStatement {
  readonly Effect: 'Allow';
  readonly Action: string[];
  readonly Resource: string[];
  readonly Condition?: { readonly StringLike: Readonly<Record<string, string[]>> };
}

export interface PolicyDocument {
  readonly Version: string;
  readonly Statement: PolicyStatement[];
}

/** How one policy language names resources and actions: AWS IAM (S3, CTyun, Ceph) or Alibaba RAM. */
export interface PolicyDialect {
  readonly version: string;
  readonly objectResource: (bucket: string, prefix: string) => string;
  readonly bucketResource: (bucket: string) => string;
  readonly uploadActions: readonly string[];
  readonly mirrorActions: readonly string[];
  readonly listAction: string;
  readonly prefixConditionKey: string;
  /** Listing the bucket's multipart uploads in progress, to abort abandoned ones (orphans). */
  readonly listUploadsAction: string;
}

/**
 * Object actions an upload-only folder needs: PutObject and the multipart calls Ferry makes
 * (abort of abandoned uploads, ListParts to resume after a restart), plus GetObject because
 * HeadObject, which verifies a finished multipart upload's ETag, is authorised by it.
 */
export const UPLOAD_ACTIONS = [
  's3:AbortMultipartUpload',
  's3:GetObject',
  's3:ListMultipartUploadParts',
  's3:PutObject',
] as const;
/** Mirror mode also propagates deletes. */
export const MIRROR_ACTIONS = [...UPLOAD_ACTIONS, 's3:DeleteObject'].sort();

/** AWS IAM policy language: S3, CTyun, Ceph, MinIO. */
export const S3_POLICY: PolicyDialect = {
  version: POLICY_VERSION,
  objectResource: (bucket, prefix) => `arn:aws:s3:::${bucket}/${prefix}*`,
  bucketResource: (bucket) => `arn:aws:s3:::${bucket}`,
  uploadActions: UPLOAD_ACTIONS,
  mirrorActions: MIRROR_ACTIONS,
  listAction: 's3:ListBucket',
  prefixConditionKey: 's3:prefix',
  listUploadsAction: 's3:ListBucketMultipartUploads',
};

/**
 * Alibaba RAM policy language for OSS (seed 001): Version "1", `acs:oss:*:*:bucket/prefix*`.
 * PutObject also covers InitiateMultipartUpload, UploadPart and CompleteMultipartUpload;
 * HeadObject is authorised by GetObject.
 */
export const OSS_RAM_POLICY: PolicyDialect = {
  version: RAM_POLICY_VERSION,
  objectResource: (bucket, prefix) => `acs:oss:*:*:${bucket}/${prefix}*`,
  bucketResource: (bucket) => `acs:oss:*:*:${bucket}`,
  uploadActions: ['oss:AbortMultipartUpload', 'oss:GetObject', 'oss:ListParts', 'oss:PutObject'],
  mirrorActions: [
    'oss:AbortMultipartUpload',
    'oss:DeleteObject',
    'oss:GetObject',
    'oss:ListParts',
    'oss:PutObject',
  ],
  listAction: 'oss:ListObjects',
  prefixConditionKey: 'oss:Prefix',
  listUploadsAction: 'oss:ListMultipartUploads',
};

const WILDCARD = /[*?$]/;

function checkGrant(grant: FolderGrant): void {
  if (WILDCARD.test(grant.prefix)) {
    // In a policy, * ? and $ are wildcards/variables: such a prefix would grant more than intended.
    throw new SyncError(
      'policy-invalid',
      'fatal',
      `Prefix "${grant.prefix}" of bucket "${grant.bucket}" contains * ? or $, which a policy would read as a wildcard.`,
      {
        hint: 'Choose a prefix without those characters, or write the policy by hand.',
      },
    );
  }
  if (grant.prefix !== '' && !grant.prefix.endsWith('/')) {
    throw new SyncError(
      'policy-invalid',
      'fatal',
      `Prefix "${grant.prefix}" must end with "/" (or be empty), or the policy would also cover "${grant.prefix}-other/…".`,
      {
        hint: `Use "${grant.prefix}/".`,
      },
    );
  }
}

/**
 * The narrowest session policy for a profile's folders (DESIGN.md §1): each folder's bucket and
 * prefix, only the actions its mode needs. The effective right is the intersection with the
 * role's own policy, so this can only narrow what the role allows.
 */
export function buildSessionPolicy(
  grants: readonly FolderGrant[],
  dialect: PolicyDialect = S3_POLICY,
): PolicyDocument {
  if (grants.length === 0) {
    throw new SyncError(
      'policy-invalid',
      'fatal',
      'No folder uses this profile, so there is nothing to grant.',
      {
        hint: 'Add a folder with this profile, or write the policy by hand.',
      },
    );
  }
  grants.forEach(checkGrant);
  const statements: PolicyStatement[] = [];
  const objectResource = (g: FolderGrant) => dialect.objectResource(g.bucket, g.prefix);
  const upload = unique(grants.filter((g) => g.mode === 'upload').map(objectResource));
  const mirror = unique(grants.filter((g) => g.mode === 'mirror').map(objectResource));
  // A prefix synced in both modes only needs the mirror statement.
  const uploadOnly = upload.filter((resource) => !mirror.includes(resource));
  if (uploadOnly.length > 0) {
    statements.push({ Effect: 'Allow', Action: [...dialect.uploadActions], Resource: uploadOnly });
  }
  if (mirror.length > 0) {
    statements.push({ Effect: 'Allow', Action: [...dialect.mirrorActions], Resource: mirror });
  }

  const listed = grants.filter((g) => g.list);
  for (const bucket of unique(listed.map((g) => g.bucket))) {
    const prefixes = unique(listed.filter((g) => g.bucket === bucket).map((g) => g.prefix));
    const base = {
      Effect: 'Allow' as const,
      Action: [dialect.listAction],
      Resource: [dialect.bucketResource(bucket)],
    };
    statements.push(
      prefixes.includes('')
        ? base
        : {
            ...base,
            Condition: {
              StringLike: { [dialect.prefixConditionKey]: prefixes.flatMap((p) => [p, `${p}*`]) },
            },
          },
    );
  }
  // Every folder may leave orphans (a lost CreateMultipartUpload answer) that only a listing finds
  // (app/engine/orphan-upload-sweep.ts). The action is granted on the bucket without a prefix
  // condition: s3:prefix is not a condition key of ListBucketMultipartUploads (AWS Service
  // Authorization Reference, "Actions defined by Amazon S3", read 2026-11-30), so the session can
  // see the keys of uploads in progress elsewhere in the bucket, never their data.
  statements.push({
    Effect: 'Allow',
    Action: [dialect.listUploadsAction],
    Resource: unique(grants.map((g) => g.bucket)).map(dialect.bucketResource),
  });
  return { Version: dialect.version, Statement: statements };
}

/** The policy as sent to STS: minified and checked against STS's limits. */
export function sessionPolicyText(
  grants: readonly FolderGrant[],
  dialect: PolicyDialect = S3_POLICY,
): string {
  return validateSessionPolicy(
    JSON.stringify(buildSessionPolicy(grants, dialect)),
    dialect.version,
  );
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
